"use client";
/** The analytics and pipeline widgets as islands: rendered in full on the server, hydrated near the viewport. */
import { hydrateWhenVisible } from "@/components/ui/hydrate-when-visible";
import type { ScanBytesProps } from "./scan-bytes";

export const ScanBytesIsland = hydrateWhenVisible<ScanBytesProps>(() => import("./scan-bytes").then((m) => m.ScanBytes));
