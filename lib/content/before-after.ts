/**
 * The build-time check of `<BeforeAfter>` (components/mdx/before-after.tsx): it shows a
 * refactoring as two code panes, so its body must be exactly two code fences (before, then
 * after) and it needs a caption. Anything else fails the build with the line, instead of a pane
 * that silently shows prose or goes missing.
 */
import type { SyntaxNode } from "./chapter-outline";

/** Problems with one `<BeforeAfter>` element of the MDX syntax tree (empty when it is well formed). */
export function beforeAfterProblems(node: SyntaxNode): string[] {
  const problems: string[] = [];
  const title = node.attributes?.find((a) => a.type === "mdxJsxAttribute" && a.name === "title")?.value;
  if (typeof title !== "string" || title.trim() === "") problems.push(`<BeforeAfter> needs a title="…" string attribute saying what the refactoring does`);
  const children = node.children ?? [];
  const fences = children.filter((child) => child.type === "code");
  const others = children.filter((child) => child.type !== "code");
  if (fences.length !== 2 || others.length > 0) {
    const found = others.length > 0 ? `${fences.length} code fence(s) and ${others.length} other block(s)` : `${fences.length} code fence(s)`;
    problems.push(`<BeforeAfter> holds exactly two code fences, before then after, and nothing else (found ${found})`);
  }
  return problems;
}
