/**
 * Validation of scenario documents: structure first (the schema), then the rules that span fields.
 * Every problem becomes one message naming its field path; a document with any problem is refused
 * whole, so nothing is ever half-run.
 */
import { nodeKinds } from "../registry";
import { SCENARIO_VERSION, scenarioSchema, type Scenario, type Issue } from "./schema";
import { checkCost } from "./cost";
import { faultKindOf } from "../kernel/faults";

export type ValidationResult = { ok: true; scenario: Scenario } | { ok: false; issues: Issue[] };

/** Validates `input` (parsed JSON) and returns the scenario with defaults filled, or the problems. */
export function validateScenario(input: unknown): ValidationResult {
  const issues: Issue[] = [];
  if (typeof input === "object" && input !== null && "version" in input) {
    const version = (input as { version: unknown }).version;
    if (version !== SCENARIO_VERSION) {
      const known = typeof version === "number" && version > SCENARIO_VERSION ? " (this build knows version 1; the document is newer)" : "";
      return { ok: false, issues: [{ path: "version", message: `version must be ${SCENARIO_VERSION}, got ${JSON.stringify(version)}${known}` }] };
    }
  }
  const parsed = scenarioSchema.parse(input, "", issues) as Scenario | undefined;
  if (!parsed) return { ok: false, issues };
  checkGraph(parsed, issues);
  if (!issues.length) checkCost(parsed, issues);
  return issues.length ? { ok: false, issues } : { ok: true, scenario: parsed };
}

/** Parses JSON text and validates it; a syntax error is reported as an issue. */
export function parseScenario(text: string): ValidationResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, issues: [{ path: "", message: `the scenario is not valid JSON: ${(error as Error).message}` }] };
  }
  return validateScenario(data);
}

function checkGraph(s: Scenario, issues: Issue[]): void {
  const index = new Map<string, number>();
  s.nodes.forEach((node, i) => {
    if (index.has(node.id)) issues.push({ path: `nodes[${i}].id`, message: `nodes[${i}].id "${node.id}" is already used by nodes[${index.get(node.id)}]` });
    else index.set(node.id, i);
  });
  const outgoing = new Map<string, number>();
  const incoming = new Map<string, number>();
  const edgeIds = new Set<string>();
  const seenPairs = new Set<string>();
  s.edges.forEach((edge, i) => {
    for (const end of ["from", "to"] as const) {
      if (!index.has(edge[end])) issues.push({ path: `edges[${i}].${end}`, message: `edges[${i}].${end} names no node: "${edge[end]}"` });
    }
    if (edge.from === edge.to) issues.push({ path: `edges[${i}]`, message: `edges[${i}] connects "${edge.from}" to itself` });
    const pair = `${edge.from}->${edge.to}`;
    if (seenPairs.has(pair)) issues.push({ path: `edges[${i}]`, message: `edges[${i}] repeats the edge ${pair}` });
    seenPairs.add(pair);
    if (edge.id) {
      if (edgeIds.has(edge.id) || index.has(edge.id)) issues.push({ path: `edges[${i}].id`, message: `edges[${i}].id "${edge.id}" is already used` });
      edgeIds.add(edge.id);
    }
    outgoing.set(edge.from, (outgoing.get(edge.from) ?? 0) + 1);
    incoming.set(edge.to, (incoming.get(edge.to) ?? 0) + 1);
  });
  s.nodes.forEach((node, i) => {
    const kind = nodeKinds[node.kind];
    const out = outgoing.get(node.id) ?? 0;
    const { min, max } = kind.outgoing;
    if (out < min || out > max) {
      // Name the side that is broken: a load balancer with 400 edges needs "at most 256", not "at least 1".
      const want = min === max ? `exactly ${min}` : out > max ? `at most ${max}` : max >= 256 ? `at least ${min}` : `${min} to ${max}`;
      issues.push({ path: `nodes[${i}]`, message: `nodes[${i}] ("${node.id}", a ${node.kind}) needs ${want} outgoing edge${max === 1 && min === 1 ? "" : "s"}, has ${out}` });
    }
    if (!kind.acceptsIncoming && (incoming.get(node.id) ?? 0) > 0) {
      issues.push({ path: `nodes[${i}]`, message: `nodes[${i}] ("${node.id}", a ${node.kind}) cannot receive requests, but an edge points at it` });
    }
  });
  const byId = new Map(s.nodes.map((n) => [n.id, { kind: n.kind, spec: n as Record<string, unknown> }]));
  s.nodes.forEach((node, i) => {
    const check = nodeKinds[node.kind].check;
    if (!check) return;
    const out = s.edges.filter((e) => e.from === node.id).map((e) => ({ to: e.to, id: e.id }));
    check(node as never, { path: `nodes[${i}]`, nodes: byId, outgoing: out, issues });
  });
  if (!s.nodes.some((n) => nodeKinds[n.kind]?.isSource)) {
    issues.push({ path: "nodes", message: "nodes must include at least one traffic source (a node of kind \"source\")" });
  }
  const edgeNames = new Set<string>([...seenPairs, ...edgeIds]);
  (s.faults ?? []).forEach((fault, i) => {
    const path = `faults[${i}].target`;
    const entry = faultKindOf(fault);
    if (entry.target === "edge") {
      if (!edgeNames.has(fault.target)) issues.push({ path, message: `${path} must name an edge ("from->to" or an edge id) for ${entry.schemaName.replace(/ fault$/, "")}, got "${fault.target}"` });
    } else if (!index.has(fault.target)) {
      issues.push({ path, message: `${path} names no node: "${fault.target}"` });
    }
  });
  if ("durationMs" in s.stop && (s.warmupMs ?? 0) >= s.stop.durationMs) {
    issues.push({ path: "warmupMs", message: `warmupMs (${s.warmupMs}) must be shorter than stop.durationMs (${s.stop.durationMs})` });
  }
}
