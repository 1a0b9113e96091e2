"use client";
/**
 * A lab opened from a link (`/playground#<code>`): the exact shared state full screen, or, when the
 * link is bad, a message naming the problem and the way to a default lab. Never a blank page: the
 * lab sits inside an error boundary and the message is plain text (React escapes link data).
 */
import { useState } from "react";
import type { Scenario } from "@/simulations";
import { snapshotFromLinkState } from "@/lib/share/lab-link";
import type { LabLinkState } from "@/lib/share/link-state";
import { LabIsland } from "@/components/lab/lab-island";
import { LabFidelityNote } from "@/components/fidelity/lab-fidelity-note";
import { useLabChrome } from "./lab-chrome";
import { LabErrorBoundary } from "./lab-error-boundary";
import { LinkNotes, LinkProblemNotice } from "./link-problem";
import type { HashLink } from "./use-hash-link";

export interface FallbackLab {
  scenarioId: string;
  scenario: Scenario;
  expose: string[];
}

/** The lab of a decoded link; `fill` makes it fill its parent (the playground), otherwise it has the chapter lab's own height (embeds size to it). */
export function SharedLabView({ state, notes, onController, fill = true }: { state: LabLinkState; notes: string[]; onController?: Parameters<typeof LabIsland>[0]["onReady"]; fill?: boolean }) {
  const chrome = useLabChrome();
  return (
    <div className={fill ? "flex h-full flex-col gap-2" : "flex flex-col gap-2"}>
      <LinkNotes notes={notes} />
      <div className={fill ? "min-h-0 flex-1" : undefined}>
        <LabIsland eager fill={fill} scenarioId={state.scenarioId} scenario={state.scenario} title={state.title} expose={state.expose} initial={snapshotFromLinkState(state)}
          onReady={(controller) => {
            // The playground's public state API (see components/lab/playground-lab.tsx).
            window.faultlineLab = controller;
            onController?.(controller);
          }}
        />
      </div>
      <LabFidelityNote scenario={state.scenario} newTab={chrome.embedded} />
    </div>
  );
}

/** The shared lab, or the problem with the link and a default lab. */
export function SharedLab({ link, fallback, fallbackLabel }: { link: Extract<HashLink, { status: "decoded" }>; fallback: FallbackLab; fallbackLabel: string }) {
  const [useFallback, setUseFallback] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const { result } = link;
  const showFallback = useFallback || !result.ok;
  return (
    <div className="flex h-full flex-col gap-2" data-testid="shared-lab">
      {!result.ok && <LinkProblemNotice problem={result.problem} fallbackLabel={fallbackLabel} onFallback={useFallback ? undefined : () => setUseFallback(true)} />}
      <LabErrorBoundary key={attempt} resetLabel={fallbackLabel} onReset={() => { setUseFallback(true); setAttempt(attempt + 1); }}>
        {showFallback ? (
          useFallback ? <div className="min-h-0 flex-1"><LabIsland eager fill {...fallback} /></div> : null
        ) : (
          result.ok && <SharedLabView state={result.state} notes={result.notes} />
        )}
      </LabErrorBoundary>
    </div>
  );
}
