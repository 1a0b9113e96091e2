/**
 * One-off headless runs in a Web Worker, for widgets without a live lab (<Predict>): start a
 * worker, run the scenario to its end with the preset's seed, return the runner's report, stop the
 * worker. Import it lazily (`await import(...)`) so a chapter does not load the worker until asked.
 */
import type { RunReport, Scenario } from "@/simulations";
import { initialEdits, type LabEdits } from "./edit-timeline";
import { createDefaultPort } from "./lab-port";

/** Runs (preset, edits, seed) headless off the main thread; rejects with the run's error. */
export function runInWorker(preset: Scenario, edits: LabEdits = initialEdits(preset), seed: number = preset.seed): Promise<RunReport> {
  const port = createDefaultPort();
  return new Promise<RunReport>((resolve, reject) => {
    port.onMessage((message) => {
      if (message.type === "headless-result") {
        port.terminate();
        if (message.report) resolve(message.report);
        else reject(new Error(message.error ?? "The run failed."));
      } else if (message.type === "error") {
        port.terminate();
        reject(new Error(message.message));
      }
    });
    port.post({ type: "headless", id: 1, scenario: preset, edits, seed });
  });
}
