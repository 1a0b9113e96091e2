"use client";
/** The consensus widgets as islands: their code loads only when they near the viewport. */
import { hydrateWhenVisible } from "@/components/ui/hydrate-when-visible";
import type { RaftCounterexampleProps } from "./raft-counterexample";

export const RaftCounterexampleIsland = hydrateWhenVisible<RaftCounterexampleProps>(() => import("./raft-counterexample").then((m) => m.RaftCounterexample));
