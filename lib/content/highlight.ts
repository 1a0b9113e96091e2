/**
 * Build-time syntax highlighting for code fences in chapters (```ts … ```), as a rehype plugin for
 * the MDX compiler. Shiki tokenises the code with the same TextMate grammars VS Code uses; each
 * token leaves the compiler as a `<span class="hl-keyword">`-style element, so the page carries no
 * highlighter, no client JavaScript and no inline styles (the colours live in app/globals.css, one
 * palette per theme, checked for contrast by tests/unit/lib/content/highlight.test.ts).
 *
 * A fence in a language outside {@link highlightedLanguages}, or with no language, is kept as plain
 * text in the same `<pre>` shape rather than failing the build.
 */
import rehypeShikiFromHighlighter from "@shikijs/rehype/core";
import { createHighlighterCore, type HighlighterCore, type ShikiTransformer, type ThemeRegistration } from "shiki/core";
import { createJavaScriptRegexEngine } from "shiki/engine/javascript";

/**
 * Token classes and the TextMate scopes that get them. Where two rules match, the more specific
 * scope wins (so `keyword.operator` is punctuation while `keyword.operator.new` stays a keyword).
 */
const tokenScopes = {
  comment: ["comment", "punctuation.definition.comment"],
  keyword: [
    "keyword",
    "storage",
    "storage.type",
    "storage.modifier",
    "keyword.operator.new",
    "keyword.operator.expression",
    "keyword.control",
    "variable.language.this",
    "variable.language.super",
  ],
  punctuation: ["keyword.operator", "punctuation", "meta.brace", "punctuation.definition.string.template"],
  string: ["string", "string.template", "punctuation.definition.string", "string.quoted", "markup.inserted"],
  constant: ["constant", "constant.numeric", "constant.language", "support.constant", "variable.other.enummember", "markup.deleted"],
  type: ["entity.name.type", "support.type", "entity.other.inherited-class", "support.class", "entity.name.class", "meta.type.parameters entity.name.type"],
  function: ["entity.name.function", "support.function", "meta.decorator", "punctuation.decorator", "entity.name.tag"],
  property: ["variable.other.property", "variable.other.object.property", "meta.object-literal.key", "support.variable.property", "support.type.property-name", "entity.other.attribute-name"],
} as const;

/** The class names a highlighted token may carry (`hl-<kind>`); their colours are in app/globals.css. */
export type TokenKind = keyof typeof tokenScopes;
export const tokenKinds = Object.keys(tokenScopes) as TokenKind[];

/** Placeholder colours: Shiki hands each token its colour, and the transformer turns it into a class. */
// (Shiki passes `var(...)` colours through untouched, as its own css-variables theme relies on.)
const placeholder = (kind: TokenKind | "plain" | "background") => `var(--hl-${kind})`;

const theme: ThemeRegistration = {
  name: "faultline",
  type: "light",
  colors: { "editor.foreground": placeholder("plain"), "editor.background": placeholder("background") },
  fg: placeholder("plain"),
  bg: placeholder("background"),
  tokenColors: [
    { settings: { foreground: placeholder("plain") } },
    ...tokenKinds.map((kind) => ({ scope: [...tokenScopes[kind]], settings: { foreground: placeholder(kind) } })),
  ],
};

/** Languages a fence may name (with their aliases: ts, js, sh, shell). Anything else is plain text. */
export const highlightedLanguages = ["typescript", "tsx", "javascript", "json", "shellscript", "diff"] as const;

/** Replaces Shiki's inline styles with classes: tokens get `hl-<kind>`, the default colour none. */
const classesNotStyles: ShikiTransformer = {
  name: "faultline:classes-not-styles",
  pre(node) {
    delete node.properties.style;
    // Shiki names the property `class` (hast); replacing it drops its theme classes.
    node.properties.class = "code-block";
    node.properties.dataLanguage = this.options.lang;
  },
  span(node) {
    const style = String(node.properties.style ?? "");
    delete node.properties.style;
    const kind = /var\(--hl-([a-z]+)\)/.exec(style)?.[1];
    if (kind && (tokenKinds as string[]).includes(kind)) this.addClassToHast(node, `hl-${kind}`);
  },
};

/** The tree transform the plugin returns (rehype's Transformer over a hast root). */
type HighlightTransform = ReturnType<typeof rehypeShikiFromHighlighter>;

let highlighter: Promise<HighlighterCore> | undefined;

/** The shared highlighter, created once per process (loading grammars takes a moment). */
export function getHighlighter(): Promise<HighlighterCore> {
  highlighter ??= createHighlighterCore({
    themes: [theme],
    langs: [
      import("shiki/langs/typescript.mjs"),
      import("shiki/langs/tsx.mjs"),
      import("shiki/langs/javascript.mjs"),
      import("shiki/langs/json.mjs"),
      import("shiki/langs/shellscript.mjs"),
      import("shiki/langs/diff.mjs"),
    ],
    // The JavaScript engine needs no WebAssembly, so it runs the same under next build, vitest and tsx.
    engine: createJavaScriptRegexEngine(),
  });
  return highlighter;
}

/**
 * The rehype plugin for the MDX pipeline, bound to a loaded highlighter:
 * `options.rehypePlugins = [...(options.rehypePlugins ?? []), await highlightPlugin()]`.
 */
export async function highlightPlugin(): Promise<() => HighlightTransform> {
  const loaded = await getHighlighter();
  // HighlighterCore is the same object as the generic highlighter the plugin types, minus its
  // bundled-language name unions; the cast only widens those names.
  const transform = rehypeShikiFromHighlighter(loaded as unknown as Parameters<typeof rehypeShikiFromHighlighter>[0], {
    theme: "faultline",
    defaultLanguage: "text",
    fallbackLanguage: "text",
    transformers: [classesNotStyles],
    // Shiki stops tokenising a line after 500 ms by default and leaves the rest unhighlighted; the
    // first lines of a build compile the grammar's regexes and can pass that on a loaded machine.
    // No limit keeps the output the same on every machine (chapter code is short).
    tokenizeTimeLimit: 0,
  });
  return () => transform;
}
