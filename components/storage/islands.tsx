"use client";
/**
 * The storage widgets as islands: rendered in full on the server, their code loaded only when they
 * near the viewport.
 */
import { hydrateWhenVisible } from "@/components/ui/hydrate-when-visible";
import type { DurabilityCalcProps } from "./durability-calc";

export const DurabilityCalcIsland = hydrateWhenVisible<DurabilityCalcProps>(() => import("./durability-calc").then((m) => m.DurabilityCalc));
