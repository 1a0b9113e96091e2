import { loadPreset } from "@/lib/lab/presets";
import { PredictIsland } from "./widget-islands";

/** Props of `<Predict>` (content/README.md). */
export interface PredictProps {
  scenario: string;
  question: string;
  /** Path in the runner's JSON output, e.g. "latencyMs.p99". */
  metric: string;
  unit?: string;
  min?: number;
  max?: number;
  /** Simulated ms "Show me" plays the lab to (default: the end of the run). */
  atMs?: number;
}

/**
 * A predict-then-run checkpoint. The preset is read on the server; the client widget asks for the
 * guess and runs the scenario headless in a worker only when the learner commits it. Without
 * JavaScript the question still renders as text. The widget's code loads when it nears the viewport.
 */
export function Predict(props: PredictProps) {
  let preset = null;
  try {
    preset = loadPreset(props.scenario);
  } catch {
    preset = null;
  }
  return <PredictIsland {...props} preset={preset} />;
}
