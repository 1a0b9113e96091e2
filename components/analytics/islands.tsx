"use client";
/** The analytics and pipeline widgets as islands: rendered in full on the server, hydrated near the viewport. */
import { hydrateWhenVisible } from "@/components/ui/hydrate-when-visible";
import type { LoadRerunProps } from "./load-rerun";
import type { ScanBytesProps } from "./scan-bytes";

export const ScanBytesIsland = hydrateWhenVisible<ScanBytesProps>(() => import("./scan-bytes").then((m) => m.ScanBytes));
export const LoadRerunIsland = hydrateWhenVisible<LoadRerunProps>(() => import("./load-rerun").then((m) => m.LoadRerun));
