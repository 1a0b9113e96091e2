/**
 * Benchmark of opening the largest link the site accepts (issue 17: "the largest accepted link is
 * ready within 2 s"). Builds a playground design with as many servers, each with its own random
 * parameters (so compression cannot shrink it), as fit under the codec's length limit, then times
 * the work a page does before its lab can play: decode and normalise the link, apply the edits and
 * validate the scenario, and build the run up to its first simulated second. Run alone with
 * `npx tsx scripts/bench-decode.ts`; `npm run bench` runs it too. Prints figures; asserts nothing.
 */
import { ScenarioRun, validateScenario } from "@/simulations";
import { MAX_ENCODED_CHARS } from "@/lib/share/codec";
import { DEFAULT_VIEW, type LabLinkState } from "@/lib/share/link-state";
import { decodeLabLink, encodeLabLink, scenarioFromLink } from "@/lib/share/lab-link";
import { initialEdits } from "@/lib/lab/edit-timeline";

/** A deterministic stream of numbers in [0, 1) (the benchmark must be the same every time). */
function stream(seed: number): () => number {
  let x = seed >>> 0;
  return () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** Up to 250 servers, each with its own settings edit, then `size - 250` latency faults on the timeline. */
function design(size: number, badSettings: boolean): LabLinkState {
  const next = stream(7);
  const servers = Math.min(size, 250);
  const ids = Array.from({ length: servers }, (_, i) => `s${i}-${Math.floor(next() * 1e6).toString(36)}`);
  const scenario = {
    version: 1,
    title: "Largest link",
    seed: 1,
    stop: { durationMs: 60_000 },
    nodes: [
      { id: "users", kind: "source", ratePerSec: 200 },
      { id: "lb", kind: "load-balancer", strategy: "least-connections" },
      ...ids.map((id) => ({ id, kind: "server", workers: 1 + Math.floor(next() * 8), serviceMs: { dist: "exponential", meanMs: Math.round(next() * 1e5) / 100 } })),
    ],
    edges: [{ from: "users", to: "lb" }, ...ids.map((id) => ({ from: "lb", to: id }))],
  };
  const checked = validateScenario(scenario);
  if (!checked.ok) throw new Error(checked.issues.map((i) => i.message).join("; "));
  const edits = initialEdits(checked.scenario);
  // Settings the learner changed: valid ones, or (badSettings) out-of-range ones the link repair drops one by one.
  for (const id of ids) edits.params[`${id}.workers`] = badSettings ? -1 - Math.floor(next() * 100) : 1 + Math.floor(next() * 16);
  for (let i = 0; i < size - servers; i++) {
    const atMs = Math.floor(next() * 50_000);
    edits.faults.push({ id: `f${i}`, origin: "learner", kind: "latency", target: ids[Math.floor(next() * servers)], atMs, durationMs: 100 + Math.floor(next() * 5000), addMs: Math.floor(next() * 500) } as (typeof edits.faults)[number]);
  }
  return { scenarioId: "playground", title: "Largest link", scenario: checked.scenario, expose: ids.map((id) => `${id}.workers`), edits, seed: 1, timeMs: 0, view: DEFAULT_VIEW };
}

/** The largest design whose link the codec accepts (binary search on its size). */
function largestLink(badSettings: boolean): { link: string; size: number } {
  let lo = 1;
  let hi = 2000;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    const link = encodeLabLink(design(mid, badSettings));
    if (link.length <= MAX_ENCODED_CHARS && decodeLabLink(link).ok) lo = mid;
    else hi = mid - 1;
  }
  return { link: encodeLabLink(design(lo, badSettings)), size: lo };
}

export function benchDecode(): void {
  for (const badSettings of [false, true]) benchOne(badSettings);
}

function benchOne(badSettings: boolean): void {
  const { link, size } = largestLink(badSettings);
  const times = { decode: Infinity, scenario: Infinity, firstSecond: Infinity };
  let cold = 0;
  for (let i = 0; i < 5; i++) {
    let t = performance.now();
    const decoded = decodeLabLink(link);
    times.decode = Math.min(times.decode, performance.now() - t);
    if (!decoded.ok) throw new Error(decoded.problem.message);
    t = performance.now();
    const fromLink = scenarioFromLink(link);
    if (!fromLink.ok) throw new Error(fromLink.problem.message);
    times.scenario = Math.min(times.scenario, performance.now() - t);
    t = performance.now();
    const run = new ScenarioRun(fromLink.scenario);
    run.runUntil(1_000);
    times.firstSecond = Math.min(times.firstSecond, performance.now() - t);
    if (i === 0) cold = times.decode + times.scenario + times.firstSecond;
  }
  const total = times.decode + times.scenario + times.firstSecond;
  const what = badSettings ? "every setting out of range, repaired one by one" : "every setting valid";
  console.log(`Largest accepted link, ${what} (${link.length.toLocaleString("en")} of ${MAX_ENCODED_CHARS.toLocaleString("en")} characters: ${Math.min(size, 250)} servers with their own settings, ${Math.max(0, size - 250)} faults)`);
  console.log(`decode and normalise     ${times.decode.toFixed(1)} ms`);
  console.log(`decode, edits, validate  ${times.scenario.toFixed(1)} ms`);
  console.log(`build and run 1 s        ${times.firstSecond.toFixed(1)} ms`);
  console.log(`ready to play            ${total.toFixed(1)} ms best of 5, ${cold.toFixed(1)} ms the first time  (target under 2,000 ms)`);
}

if (import.meta.url === `file://${process.argv[1]}`) benchDecode();
