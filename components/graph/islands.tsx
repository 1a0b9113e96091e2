"use client";
/**
 * The graph-database widget as an island: rendered in full on the server, its code loaded only when
 * it nears the viewport.
 */
import { hydrateWhenVisible } from "@/components/ui/hydrate-when-visible";
import type { TraversalExplorerProps } from "./traversal-explorer";

export const TraversalExplorerIsland = hydrateWhenVisible<TraversalExplorerProps>(() => import("./traversal-explorer").then((m) => m.TraversalExplorer));
