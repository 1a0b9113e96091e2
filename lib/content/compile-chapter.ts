/**
 * Compiles one chapter's MDX source to a function body for `getMDXComponent` (mdx-bundler,
 * server side), validating its frontmatter and reading its outline on the way. Every
 * failure becomes a ContentError that names the file, so `next build` stops with a message
 * an author can act on.
 */
import matter from "gray-matter";
import { bundleMDX } from "mdx-bundler";
import remarkGfm from "remark-gfm";
import { createEmptyOutline, createOutlinePlugin, type ChapterOutline } from "./chapter-outline";
import { ContentError } from "./content-error";
import { rehypeFocusableCodeBlocks } from "./focusable-code-blocks";
import { validateFrontmatter, type FrontmatterContext } from "./frontmatter";
import { highlightPlugin } from "./highlight";
import type { ChapterFrontmatter } from "./types";

/** A compiled chapter, ready to render. */
export interface CompiledChapter {
  /** Output of mdx-bundler; pass to `getMDXComponent` with the component registry. */
  code: string;
  frontmatter: ChapterFrontmatter;
  outline: ChapterOutline;
}

/**
 * Reads the frontmatter block of a chapter source and validates it.
 * @throws ContentError when the YAML does not parse or a field is wrong
 */
export function readFrontmatter(source: string, context: FrontmatterContext): ChapterFrontmatter {
  let parsed: matter.GrayMatterFile<string>;
  try {
    // A fresh options object bypasses gray-matter's cache, which would hide edits in dev.
    parsed = matter(source, {});
  } catch (error) {
    throw new ContentError(context.file, [`frontmatter is not valid YAML: ${(error as Error).message.split("\n")[0]}`]);
  }
  return validateFrontmatter(parsed.data, context);
}

/**
 * Compiles a chapter.
 * @throws ContentError for bad frontmatter, MDX syntax errors, import lines or components
 * outside the registry
 */
export async function compileChapter(source: string, context: FrontmatterContext): Promise<CompiledChapter> {
  const frontmatter = readFrontmatter(source, context);
  const outline = createEmptyOutline();
  const highlight = await highlightPlugin();
  let code: string;
  try {
    const result = await bundleMDX({
      source,
      mdxOptions(options) {
        options.remarkPlugins = [...(options.remarkPlugins ?? []), remarkGfm, createOutlinePlugin(outline)];
        // Code fences become highlighted markup here, at compile time: no highlighter reaches the page.
        // Then every <pre> takes focus, so a block that scrolls sideways can be scrolled by keyboard.
        options.rehypePlugins = [...(options.rehypePlugins ?? []), highlight, rehypeFocusableCodeBlocks];
        return options;
      },
      esbuildOptions(options) {
        options.minify = true;
        options.target = "es2022";
        return options;
      },
    });
    code = result.code;
  } catch (error) {
    if (outline.problems.length > 0) throw new ContentError(context.file, outline.problems);
    throw new ContentError(context.file, [`MDX does not compile: ${describeBuildError(error)}`]);
  }
  if (outline.problems.length > 0) throw new ContentError(context.file, outline.problems);
  return { code, frontmatter, outline };
}

/** esbuild wraps MDX errors; pull out the first message and its line in the file. */
function describeBuildError(error: unknown): string {
  const errors = (error as { errors?: { text: string; location?: { line: number } | null }[] }).errors;
  const first = errors?.[0];
  if (first) return first.location ? `line ${first.location.line}: ${first.text}` : first.text;
  return error instanceof Error ? error.message : String(error);
}
