"use client";
/**
 * The lab full screen, loaded at once. It publishes the lab's controller (get/set the whole lab
 * state: scenario, edits, seed, time, view) through `onReady` and on `window.faultlineLab`, the hook
 * share links and the scenario editor build on.
 */
import type { Scenario } from "@/simulations";
import type { LabController } from "@/lib/lab/lab-controller";
import { LabIsland } from "./lab-island";
import { LabFidelityNote } from "@/components/fidelity/lab-fidelity-note";

declare global {
  interface Window {
    faultlineLab?: LabController;
  }
}

export function PlaygroundLab({ scenarioId, scenario, expose, onReady }: { scenarioId: string; scenario: Scenario; expose: string[]; onReady?: (c: LabController) => void }) {
  return (
    <div className="flex h-full flex-col gap-1">
      <div className="min-h-0 flex-1">
        <LabIsland
          eager
          fill
          scenarioId={scenarioId}
          scenario={scenario}
          expose={expose}
          onReady={(controller) => {
            window.faultlineLab = controller;
            onReady?.(controller);
          }}
        />
      </div>
      <LabFidelityNote scenario={scenario} />
    </div>
  );
}
