"use client";
/** The isolation lab as an island: rendered in full on the server, its code loaded near the viewport. */
import { hydrateWhenVisible } from "@/components/ui/hydrate-when-visible";
import type { IsolationLabProps } from "./isolation-lab";

export const IsolationLabIsland = hydrateWhenVisible<IsolationLabProps>(() => import("./isolation-lab").then((m) => m.IsolationLab));
