/**
 * The share-link fuzz (issue 17): every input of the corpus through `decodeLabLink`, asserting that
 * nothing throws, nothing is reported as `internal`, `Object.prototype` (and the other built-in
 * prototypes) keep exactly their own property names and descriptors, and each decode stays bounded.
 * CI runs about 10,500 inputs; `ROBUSTNESS_SCALE=4 ROBUSTNESS_LARGE=1 npm run robustness` runs more.
 * Figures (accepted, refused, slowest) are printed, not asserted against the clock.
 */
import { describe, expect, it } from "vitest";
import { decodeLabLink } from "@/lib/share/lab-link";
import { applyEdits } from "@/lib/lab/edit-timeline";
import { validateScenario } from "@/simulations";
import { generateLinkCases } from "../../robustness/link-fuzz-cases";

const scale = Number(process.env.ROBUSTNESS_SCALE ?? 1);
const large = process.env.ROBUSTNESS_LARGE === "1";

const protos: [string, object][] = [
  ["Object.prototype", Object.prototype],
  ["Array.prototype", Array.prototype],
  ["Function.prototype", Function.prototype],
  ["String.prototype", String.prototype],
];
type Snapshot = Map<string, PropertyDescriptor | undefined>;
function snapshot(): Snapshot {
  const out: Snapshot = new Map();
  for (const [name, proto] of protos) for (const key of Reflect.ownKeys(proto)) out.set(`${name}.${String(key)}`, Object.getOwnPropertyDescriptor(proto, key));
  return out;
}
function changes(before: Snapshot): string[] {
  const after = snapshot();
  const found: string[] = [];
  for (const [key, d] of after) {
    const b = before.get(key);
    if (!b) found.push(`${key} added`);
    else if (d && (d.value !== b.value || d.get !== b.get || d.set !== b.set)) found.push(`${key} changed`);
  }
  for (const key of before.keys()) if (!after.has(key)) found.push(`${key} removed`);
  return found;
}
const DANGEROUS = new Set(["__proto__", "constructor", "prototype"]);

describe("share-link fuzz", () => {
  it(`decodes every input without throwing or touching a prototype`, () => {
    const cases = generateLinkCases({ scale, large });
    expect(cases.length).toBeGreaterThanOrEqual(scale >= 1 ? 10_000 : 1);
    const before = snapshot();
    const tally = { inputs: cases.length, accepted: 0, refused: 0, crashes: 0, polluted: 0, wronglyAccepted: 0, slowest: { ms: 0, cat: "" } };
    const problems: string[] = [];
    for (const c of cases) {
      const t0 = performance.now();
      let result: ReturnType<typeof decodeLabLink>;
      try {
        result = decodeLabLink(c.link);
      } catch (error) {
        tally.crashes++;
        problems.push(`${c.cat}: threw ${String(error)}`);
        continue;
      }
      const ms = performance.now() - t0;
      if (ms > tally.slowest.ms) tally.slowest = { ms: Math.round(ms), cat: `${c.cat} ${c.note ?? ""}` };
      if (!result.ok) {
        tally.refused++;
        if (result.problem.code === "internal") {
          tally.crashes++;
          problems.push(`${c.cat} ${c.note ?? ""}: internal ${result.problem.details.join("; ")}`);
        }
      } else {
        tally.accepted++;
        const { state } = result;
        const edited = validateScenario(applyEdits(state.scenario, state.edits));
        const badParam = Object.keys(state.edits.params).some((p) => p.split(".").some((s) => DANGEROUS.has(s)));
        const raw = JSON.stringify(state.scenario);
        const protoKey = /"(__proto__|constructor|prototype|toString|valueOf|hasOwnProperty)":/.test(raw);
        if (!edited.ok || badParam || protoKey) {
          tally.wronglyAccepted++;
          problems.push(`${c.cat} ${c.note ?? ""}: accepted but ${!edited.ok ? edited.issues[0]?.message : badParam ? "a prototype param path" : "a prototype-named key"}`);
        }
      }
      const changed = changes(before);
      if (changed.length) {
        tally.polluted++;
        problems.push(`${c.cat} ${c.note ?? ""}: ${changed.join(", ")}`);
      }
    }
    console.log(`link fuzz: ${JSON.stringify(tally)}`);
    expect(problems.slice(0, 10)).toEqual([]);
    expect(tally.crashes + tally.polluted + tally.wronglyAccepted).toBe(0);
  }, 600_000);
});
