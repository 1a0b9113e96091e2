"use client";
/**
 * The lab's share menu: copy a link to the exact state, embed it, open it in the playground, save
 * or load it as a file, download it as an offline HTML file, and export the run as an animated GIF.
 * Rendered in every lab's header.
 */
import { useEffect, useId, useRef, useState } from "react";
import { encodeLabLink, snapshotFromLinkState } from "@/lib/share/lab-link";
import { labFileName, labFileText, readLabFile } from "@/lib/share/lab-file";
import { OFFLINE_TEMPLATE_PATH, fillOfflineTemplate, offlineFileName } from "@/lib/offline/offline-page";
import type { LabLinkState } from "@/lib/share/link-state";
import { useLab } from "@/components/lab/lab-context";
import { CopyLinkButton } from "./copy-link";
import { EmbedDialog } from "./embed-dialog";
import { download, useLabLinkState } from "./use-lab-link";

function GifExport() {
  const lab = useLab();
  const [progress, setProgress] = useState<number | null>(null);
  const [message, setMessage] = useState("");
  const exportGif = async () => {
    const snap = lab.getSnapshot();
    const end = "durationMs" in snap.scenario.stop ? snap.scenario.stop.durationMs : snap.timeMs + 30_000;
    const toMs = Math.max(snap.timeMs, Math.min(end, 30_000));
    const fromMs = Math.max(0, toMs - 30_000);
    setProgress(0);
    setMessage("");
    try {
      const { renderRunGif } = await import("@/lib/share/run-gif");
      const dark = document.documentElement.dataset.theme === "dark";
      const bytes = await renderRunGif(snap.scenario, snap.edits, snap.seed, { fromMs, toMs, frames: 60, dark, title: lab.store.getState().title, onProgress: setProgress });
      download(`faultline-${snap.scenarioId.replace(/[^a-z0-9-]+/g, "-")}.gif`, bytes as BlobPart, "image/gif");
      setMessage(`✓ GIF saved (${(bytes.length / 1024).toFixed(0)} KB, ${(fromMs / 1000).toFixed(0)}–${(toMs / 1000).toFixed(0)} s simulated).`);
    } catch (error) {
      setMessage(`The GIF could not be made: ${(error as Error).message}`);
    } finally {
      setProgress(null);
    }
  };
  return (
    <div>
      <button type="button" className="w-full rounded-md border border-line px-2.5 py-1.5 text-left text-sm hover:bg-sunken disabled:opacity-60" onClick={exportGif} disabled={progress !== null} data-testid="export-gif">
        {progress === null ? "Export the run as a GIF" : `Rendering… ${Math.round(progress * 100)}%`}
      </button>
      <p role="status" className="text-xs text-muted" data-testid="gif-status">
        {message}
      </p>
    </div>
  );
}

/** "Download this lab": one HTML file with the lab, this state and the engine, for classrooms without a network. */
function OfflineDownload() {
  const linkState = useLabLinkState();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState("");
  const save = async () => {
    setBusy(true);
    setMessage("");
    try {
      const response = await fetch(OFFLINE_TEMPLATE_PATH);
      if (!response.ok) throw new Error(`the offline template is missing (${response.status}); \`npm run build\` or \`npm run dev\` writes it`);
      const state = linkState();
      const html = fillOfflineTemplate(await response.text(), { link: encodeLabLink(state), title: state.title, savedAt: new Date().toISOString(), origin: window.location.origin });
      download(offlineFileName(state.title), html, "text/html");
      setMessage(`✓ Saved (${(html.length / 1024 / 1024).toFixed(1)} MB). Open it in a browser: it runs with no network.`);
    } catch (error) {
      setMessage(`The offline lab could not be made: ${(error as Error).message}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div>
      <button type="button" className="w-full rounded-md border border-line px-2.5 py-1.5 text-left text-sm hover:bg-sunken disabled:opacity-60" onClick={save} disabled={busy} data-testid="download-offline">
        {busy ? "Preparing the offline lab…" : "Download this lab (runs offline)"}
      </button>
      <p role="status" className="text-xs text-muted" data-testid="offline-status">
        {message}
      </p>
    </div>
  );
}

export function LabShareMenu() {
  const lab = useLab();
  const linkState = useLabLinkState();
  const [open, setOpen] = useState(false);
  const [embedState, setEmbedState] = useState<LabLinkState | null>(null);
  const [importMessage, setImportMessage] = useState("");
  const menuId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setOpen(false);
    const onClick = (e: MouseEvent) => !rootRef.current?.contains(e.target as Node) && setOpen(false);
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mousedown", onClick);
    };
  }, [open]);

  const item = "w-full rounded-md border border-line px-2.5 py-1.5 text-left text-sm hover:bg-sunken";
  return (
    <div ref={rootRef} className="relative">
      <button type="button" className="rounded-md border border-line px-2.5 py-1 text-sm" aria-expanded={open} aria-controls={menuId} onClick={() => setOpen(!open)} data-testid="share-menu">
        Share
      </button>
      {open && (
        <div id={menuId} className="absolute right-0 top-full z-40 mt-1 w-72 space-y-2 max-sm:fixed max-sm:inset-x-2 max-sm:w-auto rounded-lg border border-line bg-surface p-2 shadow-xl" data-testid="share-panel">
          <CopyLinkButton />
          <button type="button" className={item} onClick={() => { setEmbedState(linkState()); setOpen(false); }} data-testid="open-embed">
            Embed…
          </button>
          <button type="button" className={item} onClick={() => window.open(`/playground#${encodeLabLink(linkState())}`, "_blank", "noopener")} data-testid="open-in-playground">
            Open in playground
          </button>
          <button type="button" className={item} onClick={() => { const s = linkState(); download(labFileName(s), labFileText(s), "application/json"); }} data-testid="download-lab-file">
            Download lab file (JSON)
          </button>
          <button type="button" className={item} onClick={() => fileRef.current?.click()}>
            Load a lab file…
          </button>
          <input
            ref={fileRef}
            type="file"
            accept="application/json,.json"
            className="hidden"
            data-testid="import-lab-file"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              e.target.value = "";
              if (!file) return;
              const result = readLabFile(await file.text());
              if (!result.ok) setImportMessage(`${result.problem.message} ${result.problem.details.join("; ")}`);
              else {
                lab.restore(snapshotFromLinkState(result.state));
                setImportMessage(`✓ Loaded ${result.state.title}.${result.notes.length ? ` ${result.notes.length} value(s) adjusted.` : ""}`);
              }
            }}
          />
          <p role="status" className="text-xs text-muted">
            {importMessage}
          </p>
          <OfflineDownload />
          <GifExport />
        </div>
      )}
      {embedState && <EmbedDialog state={embedState} onClose={() => setEmbedState(null)} />}
    </div>
  );
}
