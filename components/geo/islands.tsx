"use client";
/**
 * The geospatial widgets as islands: rendered in full on the server (drawing, numbers and the live
 * sentence read without JavaScript), their code loaded only when they near the viewport
 * (components/ui/hydrate-when-visible.tsx).
 */
import { hydrateWhenVisible } from "@/components/ui/hydrate-when-visible";
import type { GeofenceJitterProps } from "./geofence-jitter";
import type { GeohashGridProps } from "./geohash-grid";
import type { QuadtreeSearchProps } from "./quadtree-search";

export const GeohashGridIsland = hydrateWhenVisible<GeohashGridProps>(() => import("./geohash-grid").then((m) => m.GeohashGrid));
export const QuadtreeSearchIsland = hydrateWhenVisible<QuadtreeSearchProps>(() => import("./quadtree-search").then((m) => m.QuadtreeSearch));
export const GeofenceJitterIsland = hydrateWhenVisible<GeofenceJitterProps>(() => import("./geofence-jitter").then((m) => m.GeofenceJitter));
