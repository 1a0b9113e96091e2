"use client";
/**
 * A share link opened in its chapter (`/learn/<chapter>#<code>`, where /s sends chapter labs): decode
 * the link, scroll to the chapter's lab of that preset (keeping its header clear of the site header),
 * wait for the lab to load and apply the state. A status bar says what happened; a link the chapter
 * cannot apply (bad, or the chapter no longer has that lab) says so and offers the playground.
 * The decoder is loaded only when the fragment holds a link, so chapters read without it.
 */
import Link from "next/link";
import { useEffect, useState } from "react";
import { SHARED_FRAGMENT } from "@/lib/share/share-destination";
import { requestHydration, whenLab } from "@/lib/lab/lab-registry";

type Status = { kind: "idle" } | { kind: "opening"; title: string } | { kind: "applied"; title: string; notes: string[] } | { kind: "problem"; message: string; code: string };

function scrollToLab(element: Element) {
  const reduced = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  element.scrollIntoView({ block: "start", behavior: reduced ? "auto" : "instant" });
}

export function ChapterSharedState() {
  const [status, setStatus] = useState<Status>({ kind: "idle" });

  useEffect(() => {
    const match = SHARED_FRAGMENT.exec(window.location.hash);
    if (!match) return;
    const code = match[1];
    const abort = new AbortController();
    (async () => {
      const { decodeLabLink, snapshotFromLinkState } = await import("@/lib/share/lab-link");
      const result = decodeLabLink(code);
      if (abort.signal.aborted) return;
      if (!result.ok) return setStatus({ kind: "problem", message: result.problem.message, code });
      const { state, notes } = result;
      const anchor = document.querySelector(`[data-lab-for="${CSS.escape(state.scenarioId)}"]`);
      if (!anchor) return setStatus({ kind: "problem", message: "This chapter no longer shows the lab this link was made in.", code });
      setStatus({ kind: "opening", title: state.title });
      scrollToLab(anchor);
      const inner = () => anchor.querySelector("[data-lab-scenario]") ?? anchor;
      requestHydration(inner());
      const controller = await whenLab(inner, abort.signal);
      controller.restore(snapshotFromLinkState(state));
      // The same public state API the playground offers (components/lab/playground-lab.tsx).
      window.faultlineLab = controller;
      setStatus({ kind: "applied", title: state.title, notes });
      // Labs above may have loaded meanwhile and moved this one: settle on it again.
      requestAnimationFrame(() => scrollToLab(anchor));
    })().catch(() => {});
    return () => abort.abort();
  }, []);

  if (status.kind === "idle") return null;
  return (
    <div className="fixed inset-x-2 bottom-3 z-30 mx-auto max-w-xl rounded-xl border border-line bg-surface px-4 py-2.5 text-sm shadow-xl print:hidden" role="status" data-testid="shared-state-status" data-state={status.kind}>
      {status.kind === "opening" && <p>Opening the shared lab “{status.title}”…</p>}
      {status.kind === "applied" && (
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <p className="min-w-0 flex-1">
            ✓ The shared state is applied to the lab below{status.notes.length ? ` (${status.notes.length} value${status.notes.length === 1 ? "" : "s"} adjusted to fit)` : ""}.
          </p>
          <button type="button" className="rounded-md border border-line px-2 py-0.5" onClick={() => setStatus({ kind: "idle" })}>
            Dismiss
          </button>
        </div>
      )}
      {status.kind === "problem" && (
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <p className="min-w-0 flex-1">{status.message}</p>
          <Link className="underline" href={`/playground#${status.code}`}>
            Open the link in the playground
          </Link>
          <button type="button" className="rounded-md border border-line px-2 py-0.5" onClick={() => setStatus({ kind: "idle" })}>
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}
