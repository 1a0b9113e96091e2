"use client";
/**
 * The page of a downloaded offline lab (lib/offline/offline-page.ts): the saved lab state in the
 * full lab, running on this thread (a file opened from disk cannot start module workers), with a
 * header that says what the file is and links back to the site it came from. A file whose state
 * cannot be read says why, and still opens a working default lab.
 */
import { useMemo } from "react";
import { decodeLabLink } from "@/lib/share/lab-link";
import { DEFAULT_EMBED_OPTIONS } from "@/lib/share/embed-options";
import type { OfflinePayload } from "@/lib/offline/offline-page";
import { LabChromeContext } from "@/components/share/lab-chrome";
import { LabErrorBoundary } from "@/components/share/lab-error-boundary";
import { LinkProblemNotice } from "@/components/share/link-problem";
import { SharedLabView } from "@/components/share/shared-lab";

export function OfflineLab({ payload }: { payload: OfflinePayload | null }) {
  const decoded = useMemo(() => (payload ? decodeLabLink(payload.link) : null), [payload]);
  const savedAt = payload ? new Date(payload.savedAt) : null;
  return (
    <LabChromeContext.Provider value={{ embedded: true, options: DEFAULT_EMBED_OPTIONS }}>
      <main className="mx-auto flex max-w-6xl flex-col gap-3 p-3 sm:p-5" data-testid="offline-lab">
        <header className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
          <div>
            <p className="text-xs font-semibold uppercase tracking-[0.08em] text-accent">Faultline · offline lab</p>
            <h1 className="font-serif text-2xl font-semibold">{payload?.title ?? "A Faultline lab"}</h1>
          </div>
          <p className="max-w-xl text-sm text-muted">
            This file holds the lab, its settings and the simulation engine, and runs without a network.
            {savedAt && !Number.isNaN(savedAt.getTime()) ? ` Saved ${savedAt.toISOString().slice(0, 10)}.` : ""}
            {payload?.origin ? (
              <>
                {" "}
                The course is at <a className="underline" href={payload.origin}>{payload.origin.replace(/^https?:\/\//, "")}</a>.
              </>
            ) : null}
          </p>
        </header>
        <LabErrorBoundary>
          {decoded === null ? (
            <p role="alert" className="rounded-xl border border-line bg-warn-soft p-3 text-sm">This file has no lab state in it. Download the lab again from the course.</p>
          ) : decoded.ok ? (
            <SharedLabView state={decoded.state} notes={decoded.notes} fill={false} />
          ) : (
            <LinkProblemNotice problem={decoded.problem} fallbackLabel="" />
          )}
        </LabErrorBoundary>
      </main>
    </LabChromeContext.Provider>
  );
}
