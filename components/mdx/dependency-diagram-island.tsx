"use client";
/** `<DependencyDiagram>`'s client code, loaded when it nears the viewport; the server renders it in full first. */
import { hydrateWhenVisible } from "@/components/ui/hydrate-when-visible";
import type { DependencyDiagramProps } from "@/components/architecture/dependency-diagram";

export const DependencyDiagramIsland = hydrateWhenVisible<DependencyDiagramProps>(() => import("@/components/architecture/dependency-diagram").then((m) => m.DependencyDiagram));
