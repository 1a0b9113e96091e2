"use client";
/** The search-engine and vector widgets as islands: rendered in full on the server, hydrated near the viewport. */
import { hydrateWhenVisible } from "@/components/ui/hydrate-when-visible";
import type { Bm25ExplorerProps } from "./bm25-explorer";
import type { HnswSearchProps } from "./hnsw-search";

export const Bm25ExplorerIsland = hydrateWhenVisible<Bm25ExplorerProps>(() => import("./bm25-explorer").then((m) => m.Bm25Explorer));
export const HnswSearchIsland = hydrateWhenVisible<HnswSearchProps>(() => import("./hnsw-search").then((m) => m.HnswSearch));
