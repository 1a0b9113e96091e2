/**
 * `npm run bench`: the engine's speed and memory, measured (not asserted).
 *
 * 1. An M/M/1 scenario (ρ = 0.8) of 1,000,000 requests through the full engine (scenario validation,
 *    runtime, models, ledger, percentile histogram), against a minimal hand-written event-heap loop of
 *    the same model in the same process: the ceiling. Prints requests per second for both and the ratio.
 * 2. Peak heap use during runs of 1M and 10M requests, sampled every 50,000 events: memory must not
 *    grow with the number of requests.
 */
import { EventHeap, ScenarioRun, createStream, validateScenario, type Scenario } from "@/simulations";

const RATE = 80;
const SERVICE_MS = 10;

function scenario(requests: number): Scenario {
  const result = validateScenario({
    version: 1,
    title: "bench: M/M/1 at 80% load",
    seed: 42,
    stop: { requests },
    nodes: [
      { id: "users", kind: "source", ratePerSec: RATE, arrival: "poisson" },
      { id: "api", kind: "server", workers: 1, serviceMs: { dist: "exponential", meanMs: SERVICE_MS } },
    ],
    edges: [{ from: "users", to: "api" }],
  });
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join("\n"));
  return result.scenario;
}

/** The ceiling: the same M/M/1 with nothing but a heap, two random streams and a running mean. */
function minimalLoop(requests: number): { meanMs: number } {
  const arrivals = createStream(42, "users/arrivals");
  const service = createStream(42, "api/service");
  const gapMean = 1000 / RATE;
  const ARRIVAL = 0;
  const DEPARTURE = 1;
  const heap = new EventHeap<number>();
  const waiting: number[] = [];
  let head = 0;
  let busy = false;
  let created = 0;
  let done = 0;
  let sum = 0;
  let currentStart = 0;
  heap.push(-gapMean * Math.log(1 - arrivals.next()), 0, ARRIVAL);
  while (done < requests) {
    const now = heap.peekTime();
    const type = heap.popPayload()!;
    if (type === ARRIVAL) {
      created++;
      if (created < requests) heap.push(now - gapMean * Math.log(1 - arrivals.next()), 0, ARRIVAL);
      if (!busy) {
        busy = true;
        currentStart = now;
        heap.push(now - SERVICE_MS * Math.log(1 - service.next()), 0, DEPARTURE);
      } else waiting.push(now);
    } else {
      done++;
      sum += now - currentStart;
      if (head < waiting.length) {
        currentStart = waiting[head++];
        if (head > 4096) {
          waiting.splice(0, head);
          head = 0;
        }
        heap.push(now - SERVICE_MS * Math.log(1 - service.next()), 0, DEPARTURE);
      } else busy = false;
    }
  }
  return { meanMs: sum / done };
}

function engineRun(requests: number, sampleMemory: boolean): { report: ReturnType<ScenarioRun["report"]>; peakHeapMB: number } {
  const run = new ScenarioRun(scenario(requests));
  let peak = 0;
  if (!sampleMemory) run.runToEnd();
  else {
    while (!run.done) {
      run.runUntil(Infinity, 50_000);
      const used = process.memoryUsage().heapUsed;
      if (used > peak) peak = used;
    }
  }
  return { report: run.report(), peakHeapMB: peak / 1024 / 1024 };
}

function time<T>(f: () => T): { value: T; seconds: number } {
  const start = process.hrtime.bigint();
  const value = f();
  return { value, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

const gc = (globalThis as { gc?: () => void }).gc;
const N = 1_000_000;
// Warm up both paths so the JIT has compiled them before timing.
minimalLoop(100_000);
engineRun(100_000, false);

// Interleave the two so both see the same machine conditions, and keep each one's best of seven:
// on a shared two-core machine single runs vary by ±20 %, the best run is the stable figure.
let minimalSeconds = Infinity;
let engineSeconds = Infinity;
for (let i = 0; i < 7; i++) {
  minimalSeconds = Math.min(minimalSeconds, time(() => minimalLoop(N)).seconds);
  engineSeconds = Math.min(engineSeconds, time(() => engineRun(N, false)).seconds);
}
const check = engineRun(N, false).report;
const minimalRate = N / minimalSeconds;
const engineRate = N / engineSeconds;

console.log("Faultline engine benchmark (M/M/1, ρ = 0.8, exponential service 10 ms)");
console.log(`node ${process.version}, ${process.arch}`);
console.log("");
console.log(`minimal event-heap loop  ${Math.round(minimalRate).toLocaleString("en")} requests/s  (${minimalSeconds.toFixed(2)} s for 1M)`);
console.log(`full engine              ${Math.round(engineRate).toLocaleString("en")} requests/s  (${engineSeconds.toFixed(2)} s for 1M, ${check.events.toLocaleString("en")} events)`);
console.log(`engine / minimal         ${((engineRate / minimalRate) * 100).toFixed(1)} %  (target: at least 40 %)`);
console.log(`sanity: mean response ${check.latencyMs.mean.toFixed(2)} ms (theory 50.00), p99 ${check.latencyMs.p99.toFixed(1)} ms (theory ${(-Math.log(0.01) * 50).toFixed(1)})`);
console.log("");
for (const requests of [1_000_000, 10_000_000]) {
  gc?.();
  const { value, seconds } = time(() => engineRun(requests, true));
  console.log(`peak heap, ${(requests / 1e6).toFixed(0)}M requests  ${value.peakHeapMB.toFixed(1)} MB  (${seconds.toFixed(1)} s; target under 256 MB, flat in the request count)`);
}
if (!gc) console.log("(run through `npm run bench` for --expose-gc and comparable heap figures)");
console.log("");
(await import("./bench-checker")).benchChecker();
console.log("");
await (await import("./bench-spacetime")).benchSpacetime();
console.log("");
(await import("./bench-decode")).benchDecode();
