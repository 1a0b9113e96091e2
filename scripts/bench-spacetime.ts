/**
 * Benchmark of the space-time view on a 10,000-event message log (the replicated register with
 * asynchronous followers, about 14 s of simulated time): the pure layout and the SVG markup React
 * renders for it, for the time window the lab draws (500 ms around the scrubber) and, for comparison,
 * for the whole log at once (what the view would cost without windowing). Server-side rendering
 * stands in for the browser's render: it measures React's work and the size of the SVG, not paint.
 * Run alone with `npx tsx scripts/bench-spacetime.ts`; `npm run bench` runs it after the checker. Prints
 * figures; asserts nothing.
 */
import fs from "node:fs";
import path from "node:path";
import { LabEngine } from "@/lib/lab/lab-engine";
import { initialEdits } from "@/lib/lab/edit-timeline";
import { createProtocolStore } from "@/lib/spacetime/log-store";
import { layoutSpacetime, windowEndingAt, type TimeWindow } from "@/lib/spacetime/layout";
import { relations } from "@/lib/spacetime/causality";
import type { Scenario } from "@/simulations";

const EVENTS = 10_000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time<T>(runs: number, fn: () => T): { ms: number; value: T } {
  let value = fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    value = fn();
    times.push(performance.now() - start);
  }
  return { ms: median(times), value };
}

export async function benchSpacetime(): Promise<void> {
  // React's production build, as the site ships it (chosen when React is first imported).
  (process.env as Record<string, string>).NODE_ENV = "production";
  const { createElement } = await import("react");
  const { renderToStaticMarkup } = await import("react-dom/server");
  const { SpacetimeSvg } = await import("@/components/lab/spacetime/spacetime-svg");
  const preset = JSON.parse(fs.readFileSync(path.join(process.cwd(), "content/scenarios/replication/register-leader-async.json"), "utf8")) as Scenario;
  const engine = new LabEngine();
  engine.load(preset, initialEdits(preset), preset.seed);
  const store = createProtocolStore();
  let t = 0;
  while ((store.logs.get("register")?.events.length ?? 0) < EVENTS && t < 60_000) {
    t += 250;
    engine.runTo(t);
    const frame = engine.frame();
    store.apply(frame.protocol ?? [], frame.timeMs, frame.generation);
  }
  const log = store.logs.get("register")!;
  log.events.length = Math.min(log.events.length, EVENTS);
  const endMs = log.events[log.events.length - 1].atMs;
  console.log(`Space-time view: a log of ${log.events.length.toLocaleString("en")} events over ${(endMs / 1000).toFixed(1)} s simulated (${log.processes.length} processes, ${log.ops.size.toLocaleString("en")} operations)`);
  const check = log.check!;
  const cases: [string, TimeWindow, number][] = [
    ["500 ms window (the lab's default)", windowEndingAt(endMs, 500), 50],
    ["5 s window (the widest offered)", windowEndingAt(endMs, 5000), 10],
    ["the whole log, no windowing", { startMs: 0, endMs }, 5],
  ];
  for (const [name, window, runs] of cases) {
    const layoutTime = time(runs, () => layoutSpacetime(log, window, { size: { width: 1200 }, prefix: check.prefix, blockedBy: check.blockedBy, nowMs: endMs, maxMarks: Infinity }));
    const layout = layoutTime.value;
    const selected = layout.marks[Math.floor(layout.marks.length / 2)]?.event ?? null;
    const relTime = time(runs, () => relations(selected, layout.marks.map((m) => m.event)));
    const render = time(runs, () =>
      renderToStaticMarkup(createElement(SpacetimeSvg, { layout, width: 1200, relations: relTime.value, selectedSeq: selected?.seq ?? null, focusedSeq: null, showFocus: false, nowX: null, label: "bench" })),
    );
    console.log(
      `${name.padEnd(36)} ${String(layout.eventsInWindow).padStart(6)} events, ${String(layout.arrows.length).padStart(5)} arrows  layout ${layoutTime.ms.toFixed(2)} ms  concurrency ${relTime.ms.toFixed(2)} ms  SVG render ${render.ms.toFixed(1)} ms  (${(render.value.length / 1024).toFixed(0)} KiB of SVG)`,
    );
  }
  console.log("(medians; the lab re-lays out and re-renders at most ~8 times a second while playing)");
}

if (import.meta.url === `file://${process.argv[1]}`) await benchSpacetime();
