"use client";
/**
 * The disaster-recovery widget as an island: rendered in full on the server (timeline, table and the
 * live sentence read without JavaScript), its code loaded only when it nears the viewport.
 */
import { hydrateWhenVisible } from "@/components/ui/hydrate-when-visible";
import type { DrTimelineProps } from "./dr-timeline";

export const DrTimelineIsland = hydrateWhenVisible<DrTimelineProps>(() => import("./dr-timeline").then((m) => m.DrTimeline));
