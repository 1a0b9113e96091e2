"use client";
/**
 * The real-time chapter's widget as an island: rendered in full on the server, its code loaded only
 * when it nears the viewport.
 */
import { hydrateWhenVisible } from "@/components/ui/hydrate-when-visible";
import type { TransportCostsProps } from "./transport-costs";

export const TransportCostsIsland = hydrateWhenVisible<TransportCostsProps>(() => import("./transport-costs").then((m) => m.TransportCosts));
