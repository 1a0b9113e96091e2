"use client";
/**
 * The workflow widget as an island: rendered in full on the server (code, history, live sentence and
 * table read without JavaScript), its code loaded only when it nears the viewport.
 */
import { hydrateWhenVisible } from "@/components/ui/hydrate-when-visible";
import type { WorkflowReplayProps } from "./workflow-replay";

export const WorkflowReplayIsland = hydrateWhenVisible<WorkflowReplayProps>(() => import("./workflow-replay").then((m) => m.WorkflowReplay));
