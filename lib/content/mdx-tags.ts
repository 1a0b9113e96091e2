/**
 * Reading MDX component tags from chapter sources without compiling them: the opening tag of a
 * `<Lab>`, `<Challenge>` or `<Choose>` and its attribute values (quoted strings, or the JS literal
 * inside `{…}`, read as data by tag-literal.ts, never evaluated). Used by the course packager, the
 * assignment list and the content tests, so all three read a tag the same way.
 */
import { parseLiteral, type Literal } from "./tag-literal";

export type { Literal };

/** The text of a JSX opening tag starting at `start` (up to the first ">" outside quotes and braces). */
export function openingTag(text: string, start: number): string {
  let depth = 0;
  let quote = "";
  let end = start;
  for (; end < text.length; end++) {
    const c = text[end];
    if (quote) {
      if (c === quote) quote = "";
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "{") depth++;
    else if (c === "}") depth--;
    else if (c === ">" && depth === 0) break;
  }
  return text.slice(start, end);
}

/** An attribute's value in a JSX opening tag: a quoted string, or the literal inside `{…}`. */
export function tagAttribute(tag: string, name: string): Literal | undefined {
  const m = new RegExp(`\\s${name}\\s*=\\s*`).exec(tag);
  if (!m) return undefined;
  let i = m.index + m[0].length;
  if (tag[i] === '"' || tag[i] === "'") return tag.slice(i + 1, tag.indexOf(tag[i]!, i + 1));
  if (tag[i] !== "{") return undefined;
  let depth = 0;
  let quote = "";
  const start = i;
  for (; i < tag.length; i++) {
    const c = tag[i];
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = "";
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) break;
  }
  return parseLiteral(tag.slice(start + 1, i));
}

/** Every opening tag of component `name` in `text`, in order. */
export function openingTags(text: string, name: string): string[] {
  const tags: string[] = [];
  const re = new RegExp(`<${name}\\b`, "g");
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) tags.push(openingTag(text, m.index));
  return tags;
}
