"use client";
/** The search-engine widget as an island: rendered in full on the server, hydrated near the viewport. */
import { hydrateWhenVisible } from "@/components/ui/hydrate-when-visible";
import type { Bm25ExplorerProps } from "./bm25-explorer";

export const Bm25ExplorerIsland = hydrateWhenVisible<Bm25ExplorerProps>(() => import("./bm25-explorer").then((m) => m.Bm25Explorer));
