/**
 * Reads the structure of a chapter from its MDX syntax tree while it compiles: the
 * `<Pattern>` sections (for the table of contents, the syllabus check and search), the
 * scenario ids the labs name, and the text outside sections. It also enforces the MDX
 * rules of content/README.md: no import/export lines and no component outside the registry.
 *
 * Problems are recorded, not thrown, so the compiler can report them all at once with the
 * file name and line numbers of the original source.
 */
import { beforeAfterProblems } from "./before-after";
import { literalAttributes } from "./jsx-literal";
import { isMdxComponentName, mdxComponentNames, scenarioComponentNames } from "./mdx-vocabulary";

/** One `<Pattern id title>` section of a chapter, in document order. */
export interface OutlinePattern {
  id: string;
  title: string;
  /** Plain text of the section, for the search index. */
  text: string;
}

/** A component in the chapter that names a scenario preset. */
export interface ScenarioReference {
  component: string;
  scenario: string;
  line: number;
  /** The `<Pattern>` section it sits in, if any (share links open on it). */
  section?: { id: string; title: string };
  /** Its attributes that are plain literals (jsx-literal.ts): what the /teach gallery indexes. */
  props: Record<string, unknown>;
}

/** An entry of the on-page table of contents: a pattern section, a `##` heading or the recap. */
export interface TocEntry {
  id: string;
  title: string;
  kind: "pattern" | "heading" | "recap";
}

/** What a chapter contains, read from its syntax tree. */
export interface ChapterOutline {
  patterns: OutlinePattern[];
  /** Table of contents in document order. `##` headings get these ids in the HTML. */
  toc: TocEntry[];
  scenarios: ScenarioReference[];
  /** Names of registry components the chapter uses. */
  components: string[];
  /** Plain text outside pattern sections (introduction, recap), for search. */
  introText: string;
  /** Rule violations, each prefixed with its line in the original file. */
  problems: string[];
}

/** A minimal view of mdast/MDX nodes: only the fields this module reads. */
export interface SyntaxNode {
  type: string;
  depth?: number;
  data?: { hProperties?: Record<string, unknown> };
  name?: string | null;
  value?: string;
  attributes?: SyntaxAttribute[];
  children?: SyntaxNode[];
  position?: { start: { line: number } };
}
export interface SyntaxAttribute {
  type: string;
  name?: string;
  value?: string | null | { type: string; value: string };
}

/** The element id the `<Recap>` component renders, so the table of contents can link to it. */
export const recapSectionId = "recap";

const jsxElementTypes = new Set(["mdxJsxFlowElement", "mdxJsxTextElement"]);

/** Creates an empty outline to be filled by {@link createOutlinePlugin}. */
export function createEmptyOutline(): ChapterOutline {
  return { patterns: [], toc: [], scenarios: [], components: [], introText: "", problems: [] };
}

/**
 * A remark plugin that fills `outline` from the tree. mdx-bundler parses the frontmatter
 * block with remark-frontmatter, so node positions are already lines of the whole file.
 */
export function createOutlinePlugin(outline: ChapterOutline) {
  return () => (tree: unknown) => {
    readOutline(tree as SyntaxNode, outline);
  };
}

/** Fills `outline` from an MDX syntax tree (exported for tests). */
export function readOutline(tree: SyntaxNode, outline: ChapterOutline): void {
  const components = new Set<string>();
  const introParts: string[] = [];
  const lineOf = (node: SyntaxNode) => node.position?.start.line ?? 0;
  const problem = (node: SyntaxNode, message: string) => outline.problems.push(`line ${lineOf(node)}: ${message}`);

  const usedIds = new Set<string>();
  const uniqueId = (base: string) => {
    let id = base || "section";
    for (let n = 2; usedIds.has(id); n++) id = `${base}-${n}`;
    usedIds.add(id);
    return id;
  };

  let currentSection: { id: string; title: string } | undefined;
  const visit = (node: SyntaxNode, insidePattern: boolean) => {
    if (node.type === "heading" && node.depth === 2 && !insidePattern) {
      const title = plainText(node.children ?? []);
      const id = uniqueId(slug(title));
      node.data = { ...node.data, hProperties: { ...node.data?.hProperties, id } };
      outline.toc.push({ id, title, kind: "heading" });
    }
    // Plugins (remark-mdx-frontmatter) inject export nodes without a source position; only
    // lines the author wrote are rejected.
    if (node.type === "mdxjsEsm" && node.position) {
      problem(node, "MDX chapters have no import or export lines; use the components of the registry (content/README.md)");
      return;
    }
    const name = jsxElementTypes.has(node.type) ? node.name : undefined;
    // Lower-case names are plain HTML elements; capitalised and dotted names are components.
    if (name && (/^[A-Z]/.test(name) || name.includes("."))) {
      if (!isMdxComponentName(name)) {
        problem(node, `<${name}> is not an MDX component in the registry (allowed: ${mdxComponentNames.join(", ")})`);
      } else {
        components.add(name);
        if ((scenarioComponentNames as readonly string[]).includes(name)) {
          const scenario = stringAttribute(node, "scenario");
          if (scenario === undefined) problem(node, `<${name}> needs a scenario="group/name" string attribute`);
          else outline.scenarios.push({ component: name, scenario, line: lineOf(node), ...(currentSection ? { section: currentSection } : {}), props: literalAttributes(node.attributes) });
        }
        if (name === "BeforeAfter") for (const message of beforeAfterProblems(node)) problem(node, message);
        if (name === "Recap") outline.toc.push({ id: recapSectionId, title: "Recap", kind: "recap" });
        if (name === "Pattern") {
          if (insidePattern) problem(node, "<Pattern> sections cannot be nested");
          const id = stringAttribute(node, "id");
          const title = stringAttribute(node, "title");
          if (id === undefined) problem(node, `<Pattern> needs an id="pattern-id" string attribute`);
          if (title === undefined) problem(node, `<Pattern${id ? ` id="${id}"` : ""}> needs a title="…" string attribute`);
          if (id !== undefined) {
            if (outline.patterns.some((p) => p.id === id)) problem(node, `<Pattern id="${id}"> appears twice in this chapter`);
            usedIds.add(id);
            outline.patterns.push({ id, title: title ?? id, text: plainText(node.children ?? []) });
            outline.toc.push({ id, title: title ?? id, kind: "pattern" });
          }
          currentSection = id !== undefined ? { id, title: title ?? id } : undefined;
          for (const child of node.children ?? []) visit(child, true);
          currentSection = undefined;
          return;
        }
      }
    }
    if (!insidePattern && (node.type === "text" || node.type === "inlineCode")) introParts.push(node.value ?? "");
    for (const child of node.children ?? []) visit(child, insidePattern);
    if (!insidePattern && (node.type === "paragraph" || node.type === "heading" || node.type === "listItem")) introParts.push(" ");
  };

  visit(tree, false);
  outline.components = [...components].sort();
  outline.introText = squash(introParts.join(""));
}

/** The literal string value of a JSX attribute, or undefined when absent or an expression. */
function stringAttribute(node: SyntaxNode, name: string): string | undefined {
  const attribute = node.attributes?.find((a) => a.type === "mdxJsxAttribute" && a.name === name);
  if (!attribute || typeof attribute.value !== "string") return undefined;
  const value = attribute.value.trim();
  return value === "" ? undefined : value;
}

function plainText(nodes: SyntaxNode[]): string {
  const parts: string[] = [];
  const walk = (node: SyntaxNode) => {
    if (node.type === "text" || node.type === "inlineCode" || node.type === "code") parts.push(node.value ?? "");
    for (const child of node.children ?? []) walk(child);
    if (node.type === "paragraph" || node.type === "heading" || node.type === "listItem" || node.type === "code") parts.push(" ");
  };
  nodes.forEach(walk);
  return squash(parts.join(""));
}

/** Heading text to an id: lower case, ASCII letters and digits joined by hyphens. */
function slug(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

function squash(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
