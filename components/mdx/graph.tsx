/**
 * The graph-database widget MDX may use (content/README.md, "Interactive widgets"): a server
 * component that checks its props (a bad one fails the build naming the component and prop) and
 * renders a lazily hydrated island.
 */
import { TraversalExplorerIsland } from "@/components/graph/islands";

export interface TraversalExplorerMdxProps {
  /** Hops to start with, a whole number 1–4 (default 2). */
  hops?: number;
  /** Start with a celebrity everyone follows (default false). */
  supernode?: boolean;
}

/** Friends of friends over a small editable graph: traversal reads against self-join rows per hop. */
export function TraversalExplorer({ hops, supernode }: TraversalExplorerMdxProps) {
  if (hops !== undefined && (typeof hops !== "number" || !Number.isInteger(hops) || hops < 1 || hops > 4)) throw new Error(`<TraversalExplorer> hops must be a whole number from 1 to 4 (got ${JSON.stringify(hops)})`);
  if (supernode !== undefined && typeof supernode !== "boolean") throw new Error(`<TraversalExplorer> supernode must be true or false (got ${JSON.stringify(supernode)})`);
  return <TraversalExplorerIsland hops={hops ?? 2} supernode={supernode ?? false} />;
}
