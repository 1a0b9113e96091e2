"use client";
/**
 * The event-sourcing widget as an island: rendered in full on the server (strip, table and the live
 * sentence read without JavaScript), its code loaded only when it nears the viewport.
 */
import { hydrateWhenVisible } from "@/components/ui/hydrate-when-visible";
import type { EventReplayProps } from "./event-replay";

export const EventReplayIsland = hydrateWhenVisible<EventReplayProps>(() => import("./event-replay").then((m) => m.EventReplay));
