"use client";
/**
 * The streaming and batch widgets as islands: rendered in full on the server (drawing, tables and the
 * live sentence read without JavaScript), their code loaded only when they near the viewport.
 */
import { hydrateWhenVisible } from "@/components/ui/hydrate-when-visible";
import type { BatchJobViewProps } from "./batch-job";
import type { CheckpointBarrierViewProps } from "./checkpoint-barriers";
import type { WatermarkPlotProps } from "./watermark-plot";

export const WatermarkPlotIsland = hydrateWhenVisible<WatermarkPlotProps>(() => import("./watermark-plot").then((m) => m.WatermarkPlot));
export const BatchJobViewIsland = hydrateWhenVisible<BatchJobViewProps>(() => import("./batch-job").then((m) => m.BatchJobView));
export const CheckpointBarrierViewIsland = hydrateWhenVisible<CheckpointBarrierViewProps>(() => import("./checkpoint-barriers").then((m) => m.CheckpointBarrierView));
