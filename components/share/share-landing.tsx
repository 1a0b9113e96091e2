"use client";
/**
 * `/s#<code>`: where a share link lands. A lab shown in a chapter opens in that chapter (the chapter
 * applies the state to its lab, components/share/chapter-shared-state.tsx); any other state opens
 * here, focused: the lab with the exact state, the chapter its preset belongs to (title, summary,
 * "Read the chapter") and "Open in playground". A bad link gets its message and a way on.
 */
import Link from "next/link";
import { useEffect } from "react";
import { shareDestination, SHARED_FRAGMENT, type LabLocations } from "@/lib/share/share-destination";
import { LabErrorBoundary } from "./lab-error-boundary";
import { LinkProblemNotice } from "./link-problem";
import { SharedLabView } from "./shared-lab";
import { useHashLink } from "./use-hash-link";

function fragmentCode(): string {
  const match = SHARED_FRAGMENT.exec(window.location.hash);
  return match ? match[1] : window.location.hash.slice(1);
}

export function ShareLanding({ locations }: { locations: LabLocations }) {
  const link = useHashLink();
  const decoded = link.status === "decoded" && link.result.ok ? link.result : null;
  const destination = decoded ? shareDestination(decoded.state.scenarioId, fragmentCode(), locations) : null;

  useEffect(() => {
    if (destination?.kind === "chapter") window.location.replace(destination.href);
  }, [destination?.kind, destination?.kind === "chapter" ? destination.href : null]);

  if (link.status === "reading") return <p className="p-6 text-sm text-muted">Opening the shared lab…</p>;
  if (link.status === "none") {
    return (
      <div className="mx-auto max-w-2xl p-6">
        <h1 className="font-serif text-3xl font-semibold">Shared labs</h1>
        <p className="mt-3 text-muted">
          This address opens labs shared with a link, and this one carries no lab. Start from <Link className="underline" href="/learn">the course</Link> or build a system in{" "}
          <Link className="underline" href="/playground">the playground</Link>.
        </p>
      </div>
    );
  }
  if (!link.result.ok) {
    return (
      <div className="mx-auto max-w-3xl space-y-3 p-6" data-testid="shared-lab">
        <LinkProblemNotice problem={link.result.problem} fallbackLabel="Open the playground" onFallback={() => window.location.assign("/playground")} />
      </div>
    );
  }
  if (destination?.kind === "chapter") {
    return (
      <p className="p-6 text-sm text-muted" role="status">
        Opening the lab in <Link className="underline" href={destination.href}>{destination.location.chapterTitle}</Link>…
      </p>
    );
  }
  const { state, notes } = link.result;
  const chapter = destination?.kind === "focused" ? destination.chapter : null;
  return (
    <main id="main" tabIndex={-1} className="mx-auto flex max-w-[90rem] flex-col gap-4 px-3 py-5 outline-none sm:px-6" data-testid="share-focused">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0 max-w-3xl">
          <p className="text-sm font-semibold uppercase tracking-[0.1em] text-accent">Shared lab{chapter ? ` · ${chapter.chapterTitle}` : ""}</p>
          <h1 className="mt-1 font-serif text-3xl font-semibold leading-tight text-balance">{state.title}</h1>
          {chapter ? (
            <p className="mt-2 text-muted text-pretty">
              {chapter.summary}{" "}
              <Link className="font-medium text-accent-strong underline underline-offset-2" href={`/learn/${chapter.chapterId}`} data-testid="read-chapter">
                Read the chapter
              </Link>
            </p>
          ) : (
            <p className="mt-2 text-muted">A system someone built and shared. Play it, break it, or change it in the playground.</p>
          )}
        </div>
        <Link className="rounded-md border border-line bg-surface px-3 py-1.5 text-sm font-medium hover:bg-sunken" href={`/playground#${fragmentCode()}`} data-testid="share-open-playground">
          Open in playground
        </Link>
      </header>
      <div className="h-[calc(100dvh-var(--fl-header-h)-8rem)] min-h-[640px]">
        <LabErrorBoundary resetLabel="Open the playground" onReset={() => window.location.assign("/playground")}>
          <SharedLabView state={state} notes={notes} />
        </LabErrorBoundary>
      </div>
    </main>
  );
}
