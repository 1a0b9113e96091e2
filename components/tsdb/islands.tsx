"use client";
/** The time-series widget as an island: rendered in full on the server, hydrated near the viewport. */
import { hydrateWhenVisible } from "@/components/ui/hydrate-when-visible";
import type { GorillaCompressionProps } from "./gorilla-compression";

export const GorillaCompressionIsland = hydrateWhenVisible<GorillaCompressionProps>(() => import("./gorilla-compression").then((m) => m.GorillaCompression));
