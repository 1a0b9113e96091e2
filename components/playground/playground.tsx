"use client";
/**
 * `/playground`: a shared lab from the fragment (`/playground#<code>`), or a preset run as a lab,
 * with an editor to build or change a system and run it.
 */
import { useState } from "react";
import type { Scenario } from "@/simulations";
import { designFrom, emptyDesign, type Design } from "@/lib/playground/design";
import { exposableParams } from "@/lib/lab/controls";
import { PlaygroundLab } from "@/components/lab/playground-lab";
import { LabErrorBoundary } from "@/components/share/lab-error-boundary";
import { SharedLab } from "@/components/share/shared-lab";
import { useHashLink } from "@/components/share/use-hash-link";
import { PlaygroundEditor } from "./playground-editor";

type Mode = { type: "preset" } | { type: "edit"; design: Design } | { type: "run"; scenario: Scenario; n: number };

export function Playground({ presetId, scenario }: { presetId: string; scenario: Scenario }) {
  const link = useHashLink();
  const [mode, setMode] = useState<Mode>({ type: "preset" });
  const [runs, setRuns] = useState(0);
  const fallback = { scenarioId: presetId, scenario, expose: exposableParams(scenario) };
  if (link.status === "reading") return null;

  const bar = (
    <div className="mb-2 flex flex-wrap gap-2 text-sm">
      {mode.type !== "edit" && (
        <>
          <button type="button" className="rounded-md border border-line px-2.5 py-1" onClick={() => setMode({ type: "edit", design: designFrom(mode.type === "run" ? mode.scenario : scenario) })} data-testid="edit-design">
            Edit this system
          </button>
          <button type="button" className="rounded-md border border-line px-2.5 py-1" onClick={() => setMode({ type: "edit", design: emptyDesign() })} data-testid="start-empty">
            Start from nothing
          </button>
        </>
      )}
      {mode.type === "edit" && (
        <button type="button" className="rounded-md border border-line px-2.5 py-1" onClick={() => setMode({ type: "preset" })}>
          Back to the preset lab
        </button>
      )}
    </div>
  );

  if (link.status === "decoded" && mode.type === "preset") {
    return <SharedLab link={link} fallback={fallback} fallbackLabel={`Open the default preset (${presetId})`} />;
  }
  return (
    <div className="flex h-full flex-col">
      {bar}
      <div className="min-h-0 flex-1">
        <LabErrorBoundary key={runs} resetLabel="Back to the preset" onReset={() => setMode({ type: "preset" })}>
          {mode.type === "edit" ? (
            <PlaygroundEditor
              initial={mode.design}
              onRun={(s) => {
                setRuns(runs + 1);
                setMode({ type: "run", scenario: s, n: runs + 1 });
              }}
            />
          ) : mode.type === "run" ? (
            <PlaygroundLab key={mode.n} scenarioId="playground" scenario={mode.scenario} expose={exposableParams(mode.scenario)} />
          ) : (
            <PlaygroundLab {...fallback} />
          )}
        </LabErrorBoundary>
      </div>
    </div>
  );
}
