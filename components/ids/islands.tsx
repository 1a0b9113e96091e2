"use client";
/**
 * The ID-generation widgets as islands: rendered in full on the server, their code loaded only when
 * they near the viewport.
 */
import { hydrateWhenVisible } from "@/components/ui/hydrate-when-visible";
import type { CollisionOddsProps } from "./collision-odds";
import type { IdGeneratorProps } from "./id-generator";

export const IdGeneratorIsland = hydrateWhenVisible<IdGeneratorProps>(() => import("./id-generator").then((m) => m.IdGenerator));
export const CollisionOddsIsland = hydrateWhenVisible<CollisionOddsProps>(() => import("./collision-odds").then((m) => m.CollisionOdds));
