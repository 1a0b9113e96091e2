/**
 * A rehype step for chapters: every `<pre>` code block gets `tabindex="0"`, so a block wider than
 * the column (it scrolls sideways, `overflow-x: auto`) can be focused and scrolled from the
 * keyboard (axe rule scrollable-region-focusable). Walks the HTML tree without dependencies.
 */

interface HastNode {
  type: string;
  tagName?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
}

/** Sets tabIndex 0 on every `pre` element of the tree (in place); returns how many it touched. */
export function makeCodeBlocksFocusable(tree: HastNode): number {
  let touched = 0;
  const walk = (node: HastNode) => {
    if (node.type === "element" && node.tagName === "pre") {
      // A highlighter (Shiki) may have set the attribute already as `tabindex`; keeping both spellings
      // compiles to an object with a duplicate tabIndex key (an esbuild warning on every chapter).
      // The attribute keeps its place, so the rendered tag reads the same either way.
      const entries = Object.entries(node.properties ?? {}).map(([k, v]): [string, unknown] => (k === "tabindex" || k === "tabIndex" ? ["tabIndex", 0] : [k, v]));
      node.properties = Object.fromEntries(entries.some(([k]) => k === "tabIndex") ? entries : [...entries, ["tabIndex", 0]]);
      touched++;
    }
    for (const child of node.children ?? []) walk(child);
  };
  walk(tree);
  return touched;
}

/** The rehype plugin (unified attacher) around makeCodeBlocksFocusable. */
export function rehypeFocusableCodeBlocks() {
  return (tree: HastNode) => {
    makeCodeBlocksFocusable(tree);
  };
}
