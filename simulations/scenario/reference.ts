/**
 * The reference of the scenario format, generated from the same definitions the validator reads:
 * per node kind its fields (title, unit, default, required), and for kinds written with `defineKind`
 * the metrics, gauges and trace records it declares; then the fault kinds. `npm run schema --
 * --markdown` prints it, so the hand-written README keeps only the prose.
 */
import { nodeKinds } from "../registry";
import { isDefinedKind, type KindEntry } from "../kernel/kind";
import { faultBaseFields, faultKinds } from "../kernel/faults";
import type { Schema } from "../kernel/schema-builder";

const cell = (text: unknown) => String(text ?? "").replace(/\|/g, "\\|").replace(/\n/g, " ");

function fieldRows(fields: Record<string, Schema<unknown>>, optional: ReadonlySet<string>): string[] {
  return Object.entries(fields)
    .filter(([name]) => name !== "id" && name !== "kind")
    .map(([name, schema]) => {
      const m = schema.meta;
      const def = m.default !== undefined ? JSON.stringify(m.default) : optional.has(name) ? "–" : "required";
      return `| \`${name}\` | ${cell(m.title)} | ${cell(m.unit)} | ${cell(def)} |`;
    });
}

/** The reference of one node kind, in Markdown. */
export function kindReference(kind: string, entry: KindEntry = nodeKinds[kind]): string {
  const out: string[] = [];
  const title = isDefinedKind(entry) ? `${entry.title} (\`${kind}\`)` : `\`${kind}\``;
  const edges = entry.outgoing.max === 0 ? "no outgoing edges" : `${entry.outgoing.min}..${entry.outgoing.max} outgoing edges`;
  out.push(`### ${title}`, "", `${entry.summary.replace(/\.$/, "")} (${edges}${entry.acceptsIncoming ? "" : ", no incoming"}).`, "");
  out.push("| field | meaning | unit | default |", "|---|---|---|---|", ...fieldRows(entry.schema.fields, new Set(entry.schema.optional as readonly string[])), "");
  if (isDefinedKind(entry)) {
    out.push("| metric | meaning | unit |", "|---|---|---|");
    for (const [name, m] of Object.entries(entry.metrics)) out.push(`| \`${name}\` | ${cell(m.title)}${m.keyed ? " (per key)" : ""}${m.when ? ` (only ${m.when})` : ""} | ${cell(m.unit ?? m.of ?? "count")} |`);
    out.push("", "| gauge | meaning | role |", "|---|---|---|");
    for (const [name, g] of Object.entries(entry.gauges)) out.push(`| \`${name}\` | ${cell(g.title)}${g.when ? ` (only ${g.when})` : ""} | ${g.role} |`);
    const records = Object.entries(entry.records);
    if (records.length) {
      out.push("", "Trace records: " + records.map(([type, r]) => `\`${type}\` (${r.meaning})`).join("; ") + ".");
    }
    out.push("");
  }
  return out.join("\n");
}

/** The whole reference: every node kind, then the fault kinds. */
export function scenarioReference(): string {
  const parts = ["## Node kinds", "", ...Object.keys(nodeKinds).map((k) => kindReference(k)), "## Fault kinds", ""];
  parts.push(`Every fault has ${Object.keys(faultBaseFields).map((f) => `\`${f}\``).join(", ")}.`, "");
  parts.push("| kind | name | target | fields | effect |", "|---|---|---|---|---|");
  for (const f of Object.values(faultKinds)) {
    parts.push(`| \`${f.kind}\` | ${f.title} | ${f.target} | ${Object.keys(f.fields).map((k) => `\`${k}\``).join(", ") || "–"} | ${cell(f.summary)} |`);
  }
  return parts.join("\n") + "\n";
}
