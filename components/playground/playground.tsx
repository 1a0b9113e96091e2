"use client";
/**
 * `/playground`: build a system and watch it run while you build it. The editor (palette, canvas,
 * inspector) sits above a live lab: every valid change to the design is applied to the running lab
 * at its current simulated time (the lab re-simulates to that moment with the same seed and keeps
 * playing), so a node added under load starts taking traffic where you are. A shared link
 * (`/playground#<code>`) opens its exact state first, with "Edit this system" to change it.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { Scenario } from "@/simulations";
import { designFrom, emptyDesign, type Design } from "@/lib/playground/design";
import { exposableParams } from "@/lib/lab/controls";
import { applyEdits, initialEdits, type LabEdits } from "@/lib/lab/edit-timeline";
import type { LabController } from "@/lib/lab/lab-controller";
import { PlaygroundLab } from "@/components/lab/playground-lab";
import { LabErrorBoundary } from "@/components/share/lab-error-boundary";
import { SharedLab } from "@/components/share/shared-lab";
import { useHashLink } from "@/components/share/use-hash-link";
import { PlaygroundEditor } from "./playground-editor";

/** The learner's edits that still make sense for a changed design (nodes and edges that still exist). */
function carriedEdits(edits: LabEdits, scenario: Scenario): LabEdits {
  const ids = new Set(scenario.nodes.map((n) => n.id));
  const exists = (target: string) => ids.has(target) || (target.includes("->") && target.split("->").every((part) => ids.has(part)));
  return {
    params: Object.fromEntries(Object.entries(edits.params).filter(([path]) => ids.has(path.split(".")[0]))),
    faults: [...initialEdits(scenario).faults, ...edits.faults.filter((f) => f.origin !== "preset" && exists(f.target))],
  };
}

/** Applies a changed design to the running lab at its current time; keeps playing if it was. */
function applyLive(c: LabController, scenario: Scenario) {
  const s = c.store.getState();
  if (s.preset === scenario) return;
  const playing = s.playing;
  c.restore({ scenarioId: "playground", scenario, edits: carriedEdits(s.edits, scenario), seed: s.seed, timeMs: s.timeMs });
  if (playing) c.play();
}

/** The lab running the design; later designs are applied to it live. */
function LiveLab({ scenario, firstId }: { scenario: Scenario | null; firstId: string }) {
  const controller = useRef<LabController | null>(null);
  const latest = useRef<Scenario | null>(scenario);
  // The design and id the lab started with; later designs go through applyLive, never a new lab.
  const [start, setStart] = useState<{ scenario: Scenario; id: string } | null>(scenario ? { scenario, id: firstId } : null);
  const first = start?.scenario ?? null;
  useEffect(() => {
    if (!scenario) return;
    latest.current = scenario;
    if (!first) return setStart({ scenario, id: firstId });
    const c = controller.current;
    if (!c) return; // the lab is still loading: onReady applies the latest design
    // Coalesce a burst of edits (typing a number) into one re-simulation.
    const timer = setTimeout(() => applyLive(c, scenario), 200);
    return () => clearTimeout(timer);
  }, [scenario, first, firstId]);
  const onReady = (c: LabController) => {
    controller.current = c;
    if (latest.current && latest.current !== first) applyLive(c, latest.current);
  };
  if (!first) {
    return (
      <div className="flex h-full min-h-[200px] items-center justify-center rounded-xl border border-dashed border-line p-6 text-center text-sm text-muted" data-testid="live-lab-waiting">
        The lab runs here as soon as the design is complete: at least a source connected to something that serves requests.
      </div>
    );
  }
  return (
    <div className="h-[760px]" data-testid="live-lab">
      <PlaygroundLab scenarioId={start!.id} scenario={first} expose={exposableParams(first)} onReady={onReady} />
    </div>
  );
}

/**
 * `initial` is the example picked (`presetId`); until it is edited the lab keeps the preset's id, so
 * its share links open in the chapter that shows it. An edited design is a "playground" design.
 */
export function Playground({ initial, presetId }: { initial: Scenario | null; presetId: string | null }) {
  const link = useHashLink();
  const [editing, setEditing] = useState<Design | null>(null);
  const [runnable, setRunnable] = useState<Scenario | null>(null);
  const [pristine] = useState(() => (initial ? designFrom(initial) : null));
  const onChange = useCallback((design: Design, ok: boolean) => setRunnable(ok ? design.scenario : null), []);
  if (link.status === "reading") return null;

  if (link.status === "decoded" && !editing) {
    const state = link.result.ok ? link.result.state : null;
    return (
      <div className="flex h-full flex-col gap-2">
        <div className="flex flex-wrap gap-2 text-sm">
          {state && (
            <button type="button" className="rounded-md border border-line px-2.5 py-1" onClick={() => setEditing(designFrom({ ...applyEdits(state.scenario, state.edits), seed: state.seed }))} data-testid="edit-design">
              Edit this system
            </button>
          )}
          <button type="button" className="rounded-md border border-line px-2.5 py-1" onClick={() => setEditing(emptyDesign())} data-testid="start-empty">
            Start from nothing
          </button>
        </div>
        <div className="min-h-[640px] flex-1">
          <SharedLab link={link} fallback={{ scenarioId: "playground", scenario: emptyScenarioFallback, expose: [] }} fallbackLabel="Open an example system" />
        </div>
      </div>
    );
  }
  const start = editing ?? pristine ?? emptyDesign();
  return (
    <div className="flex flex-col gap-3">
      <section aria-label="Design" className="h-[min(560px,80dvh)] min-h-[520px] max-md:h-auto">
        <LabErrorBoundary resetLabel="Start again" onReset={() => window.location.assign("/playground")}>
          <PlaygroundEditor initial={start} onChange={onChange} />
        </LabErrorBoundary>
      </section>
      <section aria-label="Running system">
        <LabErrorBoundary resetLabel="Start again" onReset={() => window.location.assign("/playground")}>
          <LiveLab scenario={runnable} firstId={!editing && presetId && pristine && runnable === pristine.scenario ? presetId : "playground"} />
        </LabErrorBoundary>
      </section>
    </div>
  );
}

/** A bad link's fallback: one source and one server. */
const emptyScenarioFallback: Scenario = {
  version: 1,
  title: "One server",
  seed: 1,
  stop: { durationMs: 60_000 },
  nodes: [
    { id: "users", kind: "source", ratePerSec: 50, arrival: "poisson" },
    { id: "api", kind: "server", workers: 2, serviceMs: { dist: "exponential", meanMs: 20 }, queueCapacity: 50 },
  ],
  edges: [{ from: "users", to: "api" }],
};
