/**
 * The stream and batch processing widgets MDX may use (content/README.md, "Interactive widgets"):
 * server components that check their props (a bad one fails the build naming the component and
 * prop) and render a lazily hydrated island (components/streaming).
 */
import { BatchJobViewIsland, CheckpointBarrierViewIsland, WatermarkPlotIsland } from "@/components/streaming/islands";
import type { CheckpointBarrierViewProps } from "@/components/streaming/checkpoint-barriers";
import type { BatchJobViewProps } from "@/components/streaming/batch-job";
import type { WatermarkPlotProps } from "@/components/streaming/watermark-plot";

function oneOf<T extends string>(component: string, prop: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value as T)) throw new Error(`<${component}> ${prop} must be ${allowed.map((a) => `"${a}"`).join(", ")} (got ${JSON.stringify(value)})`);
  return value as T;
}

function int(component: string, prop: string, value: unknown, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) throw new Error(`<${component}> ${prop} must be an integer from ${min} to ${max} (got ${JSON.stringify(value)})`);
  return value;
}

/** Events on an event-time × processing-time plot, the watermark, windows, triggers and panes; the stream is editable. */
export function WatermarkPlot({ window, watermark, allowanceS, latenessS, mode, early }: WatermarkPlotProps) {
  if (early !== undefined && typeof early !== "boolean") throw new Error(`<WatermarkPlot> early must be true or false (got ${JSON.stringify(early)})`);
  return (
    <WatermarkPlotIsland
      window={oneOf("WatermarkPlot", "window", window, ["tumbling", "sliding", "session"] as const, "tumbling")}
      watermark={oneOf("WatermarkPlot", "watermark", watermark, ["perfect", "heuristic"] as const, "heuristic")}
      allowanceS={int("WatermarkPlot", "allowanceS", allowanceS, 3, 0, 30)}
      latenessS={int("WatermarkPlot", "latenessS", latenessS, 10, 0, 60)}
      mode={oneOf("WatermarkPlot", "mode", mode, ["accumulating", "discarding"] as const, "accumulating")}
      early={early ?? false}
    />
  );
}

/** One MapReduce-like job as a Gantt chart: stragglers, backup tasks, a hot key and salting, lost partitions. */
export function BatchJobView({ stragglerPercent, backups, hotKeyPercent }: BatchJobViewProps) {
  if (backups !== undefined && typeof backups !== "boolean") throw new Error(`<BatchJobView> backups must be true or false (got ${JSON.stringify(backups)})`);
  const hot = int("BatchJobView", "hotKeyPercent", hotKeyPercent, 0, 0, 50);
  if (hot % 5 !== 0) throw new Error(`<BatchJobView> hotKeyPercent must be a multiple of 5 (got ${hot})`);
  return <BatchJobViewIsland stragglerPercent={int("BatchJobView", "stragglerPercent", stragglerPercent, 1, 0, 10)} backups={backups ?? false} hotKeyPercent={hot} />;
}

/** An aligned barrier checkpoint through a tiny job, a crash and a restore, with a plain or transactional sink. */
export function CheckpointBarrierView({ sink }: CheckpointBarrierViewProps) {
  return <CheckpointBarrierViewIsland sink={oneOf("CheckpointBarrierView", "sink", sink, ["plain", "transactional"] as const, "plain")} />;
}
