/**
 * Every <Choose>, <Classify> and <Order> in the chapters is well formed (its attributes parse as
 * JSON values and pass lib/exercises' checks) and has an id unique across the course, so a typo in
 * an answer index or a category fails here rather than grading a learner wrongly.
 */
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { exerciseProblems } from "@/lib/exercises/exercises";

const chaptersDir = path.resolve(import.meta.dirname, "../../../content/chapters");

/** The opening tag starting at `start`, up to the first ">" outside quotes and braces. */
function openingTag(text: string, start: number): string {
  let depth = 0;
  let quote = "";
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = "";
    } else if (c === '"') quote = c;
    else if (c === "{") depth++;
    else if (c === "}") depth--;
    else if (c === ">" && depth === 0) return text.slice(start, i + 1);
  }
  return text.slice(start);
}

/** Attributes of a tag: name="string" or name={JSON}. Throws on an expression that is not JSON. */
function attributes(tag: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const re = /\s([a-zA-Z]+)=/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(tag))) {
    let i = m.index + m[0].length;
    if (tag[i] === '"') {
      const end = tag.indexOf('"', i + 1);
      out[m[1]!] = tag.slice(i + 1, end);
      re.lastIndex = end + 1;
      continue;
    }
    let depth = 0;
    let quote = false;
    const start = i;
    for (; i < tag.length; i++) {
      const c = tag[i];
      if (quote) {
        if (c === "\\") i++;
        else if (c === '"') quote = false;
      } else if (c === '"') quote = true;
      else if (c === "{") depth++;
      else if (c === "}" && --depth === 0) break;
    }
    out[m[1]!] = JSON.parse(tag.slice(start + 1, i));
    re.lastIndex = i + 1;
  }
  return out;
}

interface Found {
  chapter: string;
  kind: "Choose" | "Classify" | "Order";
  props: Record<string, unknown> | Error;
}

function exercises(): Found[] {
  const found: Found[] = [];
  for (const file of readdirSync(chaptersDir).filter((f) => f.endsWith(".mdx"))) {
    const text = readFileSync(path.join(chaptersDir, file), "utf8");
    const re = /<(Choose|Classify|Order)\b/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      let props: Found["props"];
      try {
        props = attributes(openingTag(text, m.index));
      } catch (error) {
        props = error as Error;
      }
      found.push({ chapter: file, kind: m[1] as Found["kind"], props });
    }
  }
  return found;
}

describe("exercises in the chapters", () => {
  const all = exercises();
  it("parse, pass their checks and have unique ids", () => {
    const problems: string[] = [];
    const ids = new Map<string, string>();
    for (const { chapter, kind, props } of all) {
      if (props instanceof Error) {
        problems.push(`${chapter}: <${kind}> has an attribute that is not a JSON value (${props.message})`);
        continue;
      }
      for (const p of exerciseProblems(kind, props)) problems.push(`${chapter}: ${p} (id ${String(props.id)})`);
      const id = String(props.id);
      if (ids.has(id)) problems.push(`${chapter}: exercise id "${id}" is also used in ${ids.get(id)}`);
      ids.set(id, chapter);
    }
    expect(problems).toEqual([]);
  });
  it("the attribute reader handles strings with braces and escaped quotes", () => {
    const tag = '<Choose id="x" question="Is {a} > b?" options={["say \\"hi\\"", "} {"]} answer={1}>';
    expect(attributes(openingTag(tag, 0))).toEqual({ id: "x", question: "Is {a} > b?", options: ['say "hi"', "} {"], answer: 1 });
  });
});
