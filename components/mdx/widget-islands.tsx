"use client";
/**
 * The client parts of the chapter widgets, hydrated when they come near the viewport: their server
 * HTML (question, goals, the lab and diagram placeholders) shows at once, and their code stays out
 * of what a chapter loads before anything is visible. See components/ui/hydrate-when-visible.tsx.
 * Where a widget then loads a heavier chunk of its own (the lab app, the diagram's drawing), that
 * chunk is fetched alongside the widget's code, not after it.
 */
import type { LabIslandProps } from "@/components/lab/lab-island";
import { hydrateWhenVisible } from "@/components/ui/hydrate-when-visible";
import type { ChallengeLabProps } from "./challenge-lab";
import type { DiagramIslandProps } from "./diagram-island";
import type { PredictWidgetProps } from "./predict-widget";
import type { BreakItActionsProps } from "./break-it-actions";

const preloadLab = () => import("@/components/lab/lab-app");

export const PredictIsland = hydrateWhenVisible<PredictWidgetProps>(() => import("./predict-widget").then((m) => m.PredictWidget));

export const ChallengeLabIsland = hydrateWhenVisible<ChallengeLabProps>(() => import("./challenge-lab").then((m) => m.ChallengeLab), { preloadWhenNear: preloadLab });

export const LabWhenVisible = hydrateWhenVisible<LabIslandProps>(() => import("@/components/lab/lab-island").then((m) => m.LabIsland), { preloadWhenNear: preloadLab });

export const DiagramWhenVisible = hydrateWhenVisible<DiagramIslandProps>(() => import("./diagram-island").then((m) => m.DiagramIsland), {
  preloadWhenNear: () => import("@/components/lab/diagram-graph"),
});

export const BreakItIsland = hydrateWhenVisible<BreakItActionsProps>(() => import("./break-it-actions").then((m) => m.BreakItActions));
