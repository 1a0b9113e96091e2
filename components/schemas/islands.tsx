"use client";
/**
 * The schema-evolution widget as an island: rendered in full on the server (tables and the live
 * sentence read without JavaScript), its code loaded only when it nears the viewport.
 */
import { hydrateWhenVisible } from "@/components/ui/hydrate-when-visible";
import type { SchemaEvolutionProps } from "./schema-evolution";

export const SchemaEvolutionIsland = hydrateWhenVisible<SchemaEvolutionProps>(() => import("./schema-evolution").then((m) => m.SchemaEvolution));
