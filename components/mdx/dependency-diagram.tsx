/**
 * `<DependencyDiagram architecture switchable?>` as MDX sees it (content/README.md): checks its props
 * on the server, so a bad value fails the build naming the component and the prop, then renders the
 * lazily hydrated widget (components/architecture/dependency-diagram.tsx).
 */
import { architectureStyleIds, isArchitectureStyleId } from "@/lib/architecture/architectures";
import { DependencyDiagramIsland } from "./dependency-diagram-island";

export interface DependencyDiagramMdxProps {
  /** "layered", "hexagonal", "clean" or "onion" (required). */
  architecture: unknown;
  /** Whether the style buttons are shown (default true). */
  switchable?: unknown;
}

export function DependencyDiagram({ architecture, switchable }: DependencyDiagramMdxProps) {
  if (!isArchitectureStyleId(architecture))
    throw new Error(`<DependencyDiagram> architecture must be one of ${architectureStyleIds.map((s) => `"${s}"`).join(", ")} (got ${JSON.stringify(architecture)})`);
  if (switchable !== undefined && typeof switchable !== "boolean") throw new Error(`<DependencyDiagram> switchable must be true or false (got ${JSON.stringify(switchable)})`);
  return <DependencyDiagramIsland architecture={architecture} switchable={switchable ?? true} />;
}
