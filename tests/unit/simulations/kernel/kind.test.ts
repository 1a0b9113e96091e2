/**
 * One definition per kind (kernel/kind.ts `defineKind`, issue 11). For every kind written with it,
 * each consumer reads that one definition: the validator and the JSON Schema its schema, the lab's
 * controls and clamping its field metadata, the generated reference its fields, metrics, gauges and
 * records, the lab's metric names its titles; and the model reports exactly the metrics and gauges it
 * declares and emits only the trace records it declares (checked on every preset that uses the kind).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { declaredMetricNames, isDefinedKind, kindReference, nodeKinds, scenarioJsonSchema, ScenarioRun, validateScenario, type DefinedKindEntry, type Scenario } from "@/simulations";
import { controlFor } from "@/lib/lab/controls";
import { fieldSchemaOf } from "@/lib/share/clamp";
import { metricName } from "@/lib/lab/metric-names";
import { templateFor } from "@/lib/playground/design";
import { listPresetFiles } from "../../../helpers/presets";

const defined = Object.entries(nodeKinds).filter((e): e is [string, DefinedKindEntry] => isDefinedKind(e[1]));
const RUNTIME_RECORDS = new Set(["node.crashed", "node.recovered", "edge.partitioned", "edge.healed", "request.lost", "request.dropped"]);
const RUNTIME_GAUGES = new Set(["crashed", "degraded"]);

/** The declared names that are always reported (no `when` condition). */
const always = (decls: Record<string, { when?: string }>) => Object.keys(decls).filter((name) => !decls[name].when);

const presets = listPresetFiles().map((file) => ({ file, doc: JSON.parse(readFileSync(file, "utf8")) as Scenario }));

it("at least server, bulkhead and load-shedder are written with defineKind", () => {
  expect(defined.map(([k]) => k)).toEqual(expect.arrayContaining(["server", "bulkhead", "load-shedder"]));
});

describe.each(defined)("%s: every consumer reads the one definition", (kind, entry) => {
  const users = presets.filter((p) => p.doc.nodes.some((n) => n.kind === kind));
  // A server is in almost every preset: a handful is enough for the conformance check.
  const sample = kind === "server" ? users.slice(0, 8) : users;

  it("the validator and the JSON Schema use its schema", () => {
    const nodeVariants = JSON.stringify((scenarioJsonSchema() as { properties: { nodes: { items: unknown } } }).properties.nodes.items);
    expect(nodeVariants).toContain(JSON.stringify(entry.schema.json()));
    const bad = structuredClone(users[0].doc);
    const node = bad.nodes.find((n) => n.kind === kind)! as Record<string, unknown>;
    node.notAField = 1;
    const result = validateScenario(bad);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0].message).toContain(`not a known field of ${(entry.schema.meta as { name?: string }).name}`);
  });

  it("the lab's controls and share-link clamping read its field metadata", () => {
    const { doc } = users[0];
    const node = doc.nodes.find((n) => n.kind === kind)!;
    for (const [field, schema] of Object.entries(entry.schema.fields)) {
      if (field === "id" || field === "kind") continue;
      expect(fieldSchemaOf(kind, [field])?.meta, field).toBe(schema.meta);
      if (schema.meta.title && schema.type === "number") expect(controlFor(doc, `${node.id}.${field}`).fieldLabel).toBe(schema.meta.title.replace(/\s*\(an? [^)]*node id\)\s*$/i, ""));
    }
  });

  it("the playground starts a new node from its template (a valid node of the kind)", () => {
    const node = templateFor(kind, "new-node");
    if (entry.template) expect(node).toEqual({ id: "new-node", kind, ...entry.template });
    const issues: { path: string; message: string }[] = [];
    entry.schema.parse(node, "node", issues);
    expect(issues).toEqual([]);
  });

  it("the generated reference lists its fields, metrics, gauges and records", () => {
    const md = kindReference(kind);
    expect(md).toContain(entry.title);
    for (const name of [...Object.keys(entry.schema.fields).filter((f) => f !== "id" && f !== "kind"), ...Object.keys(entry.metrics), ...Object.keys(entry.gauges), ...Object.keys(entry.records)]) {
      expect(md).toContain(`\`${name}\``);
    }
  });

  it("the lab's metric names agree with its metric titles", () => {
    for (const [metric, decl] of Object.entries(entry.metrics)) {
      if (decl.keyed) continue;
      expect(metricName(`nodes.x.${metric}`).label, metric).toBe(decl.title);
    }
  });

  it(`reports the declared metrics and gauges (conditional ones only when configured), and emits only declared records (${sample.length} presets)`, () => {
    expect(sample.length).toBeGreaterThan(0);
    for (const { file, doc } of sample) {
      const parsed = validateScenario(doc);
      if (!parsed.ok) throw new Error(file);
      const records = new Set<string>();
      const ids = new Set(parsed.scenario.nodes.filter((n) => n.kind === kind).map((n) => n.id));
      const run = new ScenarioRun(parsed.scenario, { onEvent: (e) => { if (e.node && ids.has(e.node)) records.add(e.type); } });
      run.runUntil(Math.min(20_000, "durationMs" in doc.stop ? doc.stop.durationMs : 20_000));
      const report = run.report();
      const gauges = run.gauges();
      for (const id of ids) {
        // Every always-reported metric is there, and nothing undeclared is (conditional ones say `when`).
        const metrics = Object.keys(report.nodes[id]);
        const declared = declaredMetricNames(entry.metrics, parsed.scenario.nodes.find((n) => n.id === id));
        expect(metrics.filter((m) => !declared.all.has(m)), `${file} ${id} undeclared metrics`).toEqual([]);
        expect(declared.always.filter((m) => !metrics.includes(m)), `${file} ${id} missing metrics`).toEqual([]);
        const reported = Object.keys(gauges[id]).filter((g) => !RUNTIME_GAUGES.has(g) || Object.hasOwn(entry.gauges, g));
        expect(reported.filter((g) => !Object.hasOwn(entry.gauges, g)), `${file} ${id} undeclared gauges`).toEqual([]);
        expect(always(entry.gauges).filter((g) => !reported.includes(g)), `${file} ${id} missing gauges`).toEqual([]);
      }
      for (const type of records) expect(Object.hasOwn(entry.records, type) || RUNTIME_RECORDS.has(type), `${file}: undeclared record ${type}`).toBe(true);
    }
  });
});
