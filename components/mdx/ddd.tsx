"use client";
/**
 * `<ContextMapView>` and `<AggregateBoundary>` as MDX sees them: server-rendered in full, hydrated
 * when near the viewport (components/ui/hydrate-when-visible.tsx), like the other exercises.
 */
import { hydrateWhenVisible } from "@/components/ui/hydrate-when-visible";
import type { AggregateBoundaryProps, ContextMapViewProps } from "./ddd-widgets";

export const ContextMapView = hydrateWhenVisible<ContextMapViewProps>(() => import("./ddd-widgets").then((m) => m.ContextMapView));
export const AggregateBoundary = hydrateWhenVisible<AggregateBoundaryProps>(() => import("./ddd-widgets").then((m) => m.AggregateBoundary));
