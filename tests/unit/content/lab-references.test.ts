/**
 * Chapters point at labs by scenario id and at metrics by path; this checks every such reference
 * against the presets and the engine, so a renamed field or a missing preset fails here instead of
 * showing a broken lab to a learner.
 *
 * - every <Lab>, <Predict>, <Challenge>, <Diagram> scenario id names a preset file;
 * - every exposed "nodeId.field[.sub]" names a node in that preset and a field its kind defines;
 * - every <Predict metric> and <Challenge goals[].metric> is a number in the runner's report of it.
 */
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { nodeKinds, runScenario, validateScenario, type Scenario } from "@/simulations";

const root = path.resolve(import.meta.dirname, "../../..");
const chaptersDir = path.join(root, "content/chapters");

interface Reference {
  chapter: string;
  component: string;
  scenario: string;
  expose: string[];
  metrics: string[];
}

/** Reads a JSX attribute value: "string" or {expression}, balancing braces. */
function attribute(tag: string, name: string): string | undefined {
  const re = new RegExp(`\\b${name}\\s*=\\s*`, "g");
  const m = re.exec(tag);
  if (!m) return undefined;
  let i = m.index + m[0].length;
  if (tag[i] === '"') return tag.slice(i + 1, tag.indexOf('"', i + 1));
  if (tag[i] !== "{") return undefined;
  let depth = 0;
  const start = i;
  for (; i < tag.length; i++) {
    if (tag[i] === "{") depth++;
    else if (tag[i] === "}" && --depth === 0) break;
  }
  return tag.slice(start + 1, i);
}

function references(): Reference[] {
  const out: Reference[] = [];
  for (const file of readdirSync(chaptersDir).filter((f) => f.endsWith(".mdx"))) {
    const text = readFileSync(path.join(chaptersDir, file), "utf8");
    const tagRe = /<(Lab|Predict|Challenge|Diagram)\b/g;
    let m: RegExpExecArray | null;
    while ((m = tagRe.exec(text))) {
      // The tag ends at the first ">" outside quotes and braces, so "a->b" inside a value is fine.
      let depth = 0;
      let quote = "";
      let end = m.index + m[0].length;
      for (; end < text.length; end++) {
        const c = text[end];
        if (quote) {
          if (c === quote) quote = "";
        } else if (c === '"' || c === "'" || c === "`") quote = c;
        else if (c === "{") depth++;
        else if (c === "}") depth--;
        else if (c === ">" && depth === 0) break;
      }
      const component = m[1];
      const tag = text.slice(m.index + m[0].length, end);
      const scenario = attribute(tag, "scenario");
      if (!scenario) continue;
      const exposeText = attribute(tag, "expose");
      const expose = exposeText ? (Function(`return (${exposeText})`)() as string[]) : [];
      const metrics: string[] = [];
      const metric = attribute(tag, "metric");
      if (metric) metrics.push(metric);
      const goalsText = attribute(tag, "goals");
      if (goalsText) for (const g of Function(`return (${goalsText})`)() as { metric: string }[]) metrics.push(g.metric);
      out.push({ chapter: file, component, scenario, expose, metrics });
    }
  }
  return out;
}

const refs = references();
const presetPath = (id: string) => path.join(root, "content/scenarios", `${id}.json`);
const loaded = new Map<string, Scenario>();
function preset(id: string): Scenario | undefined {
  if (!loaded.has(id) && existsSync(presetPath(id))) {
    const v = validateScenario(JSON.parse(readFileSync(presetPath(id), "utf8")));
    if (v.ok) loaded.set(id, v.scenario);
  }
  return loaded.get(id);
}

function fieldExists(scenario: Scenario, exposed: string): string | null {
  const [nodeId, ...fieldPath] = exposed.split(".");
  const node = scenario.nodes.find((n) => n.id === nodeId);
  if (!node) {
    const edge = scenario.edges.find((e) => (e.id ?? `${e.from}->${e.to}`) === nodeId);
    return edge ? null : `no node "${nodeId}"`;
  }
  // A number inside a duration distribution the preset sets ("db.replicationLagMs.medianMs"): the
  // schema cannot name it (a tagged union), but the lab gives it a control (lib/lab/controls.ts).
  const [field, sub, ...rest] = fieldPath;
  const value = (node as unknown as Record<string, unknown>)[field];
  if (sub !== undefined && rest.length === 0 && typeof value === "object" && value !== null && "dist" in value && typeof (value as Record<string, unknown>)[sub] === "number") return null;
  let schema = nodeKinds[node.kind]?.schema as unknown as { fields?: Record<string, unknown> } | undefined;
  for (const key of fieldPath) {
    const fields = schema?.fields;
    if (!fields || !(key in fields)) return `the ${node.kind} kind has no field "${fieldPath.join(".")}"`;
    schema = fields[key] as { fields?: Record<string, unknown> };
  }
  return null;
}

function metricValue(report: unknown, metricPath: string): unknown {
  return metricPath.split(".").reduce<unknown>((v, k) => (v && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined), report);
}

describe("chapter lab references", () => {
  it("finds references to check", () => {
    expect(refs.length).toBeGreaterThan(20);
  });

  it("every referenced scenario is a preset that validates", () => {
    const missing = [...new Set(refs.filter((r) => !preset(r.scenario)).map((r) => `${r.chapter}: ${r.component} scenario="${r.scenario}"`))];
    expect(missing).toEqual([]);
  });

  it("every exposed field exists in its preset", () => {
    const problems: string[] = [];
    for (const r of refs) {
      const s = preset(r.scenario);
      if (!s) continue;
      for (const e of r.expose) {
        const problem = fieldExists(s, e);
        if (problem) problems.push(`${r.chapter}: ${r.component} ${r.scenario} exposes "${e}": ${problem}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("every Predict and Challenge metric is a number in the run's report", () => {
    const problems: string[] = [];
    const reports = new Map<string, unknown>();
    for (const r of refs) {
      if (r.metrics.length === 0) continue;
      const s = preset(r.scenario);
      if (!s) continue;
      if (!reports.has(r.scenario)) reports.set(r.scenario, runScenario(s));
      for (const metric of r.metrics) {
        if (typeof metricValue(reports.get(r.scenario), metric) !== "number") problems.push(`${r.chapter}: ${r.component} ${r.scenario} reads "${metric}", which its report does not have`);
      }
    }
    expect(problems).toEqual([]);
  }, 300_000);
});
