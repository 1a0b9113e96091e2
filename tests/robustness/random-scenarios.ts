/**
 * Random scenarios for the invariant run (issue 17). Each is a preset (so every node kind appears
 * in a topology that makes sense) with its settings redrawn from the kind registry: every number a
 * node sets is redrawn inside its schema's slider range (or ×¼…×4 of the preset's value, clamped to
 * the schema's bounds), every choice is redrawn among the schema's values, every toggle flipped at
 * random. Runs are shortened to `horizonMs` with fault times scaled to fit, so a thousand of them fit
 * in CI. The first variant of each preset is the preset itself, shortened (the "every preset
 * chunked = straight" check). Deterministic: variant `i` of preset `p` is the same on every machine.
 */
import { createStream, nodeKinds, schemaAtPath, validateScenario, type Scenario } from "@/simulations";
import { clampToMeta, type NumberMeta } from "@/lib/share/clamp";

type AnySchema = { type: string; meta: { uiMin?: number; uiMax?: number } & NumberMeta; fields?: Record<string, AnySchema>; values?: readonly string[] };
type Rng = ReturnType<typeof createStream>;

export interface RandomScenario {
  /** `<preset>#<variant>`. */
  name: string;
  scenario: Scenario;
  /** Settings that were redrawn, as `node.path = value`. */
  changes: string[];
}

function redrawNumber(r: Rng, current: number, schema: AnySchema): number {
  const { uiMin, uiMax } = schema.meta;
  const raw = uiMin !== undefined && uiMax !== undefined && r.next() < 0.5 ? uiMin + r.next() * (uiMax - uiMin) : current * 2 ** (r.next() * 4 - 2);
  return clampToMeta(schema.meta.integer ? Math.round(raw) : Math.round(raw * 1000) / 1000, schema.meta);
}

/** Redraws the plain settings of one node in place (nested objects too), guided by its kind's schema. */
function redrawNode(r: Rng, root: Record<string, unknown>, node: Record<string, unknown>, kind: string, path: string[], changes: string[], id: string): void {
  for (const [field, value] of Object.entries(node)) {
    if (field === "id" || field === "kind") continue;
    const at = [...path, field];
    const schema = schemaAtPath(nodeKinds[kind].schema, at, root) as AnySchema | undefined;
    if (!schema || r.next() < 0.5) continue;
    let next: unknown = value;
    if (typeof value === "number" && schema.type === "number") next = redrawNumber(r, value, schema);
    else if (typeof value === "string" && schema.type === "enum" && schema.values?.length) next = schema.values[r.int(schema.values.length)];
    else if (typeof value === "boolean") next = r.next() < 0.5;
    else if (value && typeof value === "object" && !Array.isArray(value) && schema.type === "object") {
      redrawNode(r, root, value as Record<string, unknown>, kind, at, changes, id);
      continue;
    }
    if (next !== value) {
      node[field] = next;
      changes.push(`${id}.${at.join(".")} = ${JSON.stringify(next)}`);
    }
  }
}

/** The preset shortened to `horizonMs`, fault times scaled by the same factor. */
export function shortened(preset: Scenario, horizonMs: number): Scenario {
  const s = structuredClone(preset) as Scenario & Record<string, unknown>;
  const stop = s.stop as { durationMs?: number; requests?: number };
  const length = stop.durationMs ?? horizonMs;
  const factor = Math.min(1, horizonMs / length);
  if (stop.durationMs !== undefined) stop.durationMs = Math.min(stop.durationMs, horizonMs);
  else s.stop = { durationMs: horizonMs } as Scenario["stop"];
  if (typeof s.warmupMs === "number") s.warmupMs = Math.round(s.warmupMs * factor);
  for (const fault of s.faults ?? []) {
    const f = fault as Record<string, unknown>;
    for (const key of ["atMs", "durationMs"]) if (typeof f[key] === "number") f[key] = Math.max(key === "durationMs" ? 1 : 0, Math.round((f[key] as number) * factor));
  }
  return s;
}

/**
 * `perPreset` variants of every preset (the first unchanged but shortened). Variants the validator
 * refuses (a redraw broke a cross-field rule) are redrawn up to 5 times, then skipped and counted.
 */
export function randomScenarios(presets: Map<string, Scenario>, perPreset: number, horizonMs: number): { scenarios: RandomScenario[]; refused: number } {
  const scenarios: RandomScenario[] = [];
  let refused = 0;
  for (const [id, preset] of presets) {
    const base = shortened(preset, horizonMs);
    for (let i = 0; i < perPreset; i++) {
      const r = createStream(i + 1, `random-scenario:${id}`);
      let made: RandomScenario | null = null;
      for (let attempt = 0; attempt < 5 && !made; attempt++) {
        const doc = structuredClone(base) as Scenario & { seed?: number };
        const changes: string[] = [];
        if (i > 0) {
          doc.seed = 1 + r.int(1_000_000);
          for (const node of doc.nodes) redrawNode(r, node as unknown as Record<string, unknown>, node as unknown as Record<string, unknown>, node.kind, [], changes, node.id);
        }
        const result = validateScenario(doc);
        if (result.ok) made = { name: `${id}#${i}`, scenario: result.scenario, changes };
        else if (i === 0) throw new Error(`${id} shortened is invalid: ${result.issues.map((x) => x.message).join("; ")}`);
      }
      if (made) scenarios.push(made);
      else refused++;
    }
  }
  return { scenarios, refused };
}
