"use client";
/**
 * "Copy link": the lab's whole state as a /s#<code> link. Uses the clipboard API and falls back to a
 * selected text field when the browser refuses (no permission, insecure context). A link longer than
 * is comfortable also offers the state as a JSON file.
 */
import { useState } from "react";
import { encodeLabLink } from "@/lib/share/lab-link";
import { labFileName, labFileText } from "@/lib/share/lab-file";
import { COMFORTABLE_LINK_CHARS } from "@/lib/share/link-state";
import { download, useLabLinkState } from "./use-lab-link";

export function CopyLinkButton() {
  const linkState = useLabLinkState();
  const [status, setStatus] = useState<{ kind: "copied" | "manual"; url: string; long: boolean } | null>(null);

  const copy = async () => {
    const state = linkState();
    const code = encodeLabLink(state);
    const url = `${window.location.origin}/s#${code}`;
    const long = code.length > COMFORTABLE_LINK_CHARS;
    try {
      if (!navigator.clipboard) throw new Error("no clipboard");
      await navigator.clipboard.writeText(url);
      setStatus({ kind: "copied", url, long });
    } catch {
      setStatus({ kind: "manual", url, long });
    }
  };

  return (
    <div className="space-y-2">
      <button type="button" className="w-full rounded-md border border-line px-2.5 py-1.5 text-left text-sm hover:bg-sunken" onClick={copy} data-testid="copy-link">
        Copy link to this exact state
      </button>
      <p role="status" className="text-xs text-muted" data-testid="copy-status">
        {status?.kind === "copied" ? "✓ Link copied. It restores the scenario, your changes, faults, seed and time." : ""}
      </p>
      {status && (
        <label className="block text-xs text-muted">
          {status.kind === "manual" ? "Copying was blocked; select and copy the link:" : "The link:"}
          <input readOnly value={status.url} className="mt-1 block w-full rounded border border-line bg-sunken px-1.5 py-1 font-mono text-xs text-fg" onFocus={(e) => e.currentTarget.select()} data-testid="share-url" autoFocus={status.kind === "manual"} />
        </label>
      )}
      {status?.long && (
        <p className="text-xs text-muted">
          This link is long ({status.url.length} characters); some chat tools cut long links.{" "}
          <button type="button" className="underline" onClick={() => { const s = linkState(); download(labFileName(s), labFileText(s), "application/json"); }}>
            Download it as a lab file
          </button>{" "}
          instead.
        </p>
      )}
    </div>
  );
}
