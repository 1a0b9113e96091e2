// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from "vitest";
import { act, type ReactElement } from "react";
import { createRoot, type Root } from "react-dom/client";
import { renderToString } from "react-dom/server";
import { BreakerTimelineView } from "@/components/mechanisms/breaker-timeline-view";
import { HashRingView } from "@/components/mechanisms/hash-ring-view";
import { QueueingCurvesView } from "@/components/mechanisms/queueing-curves-view";
import { RetryTimelineView } from "@/components/mechanisms/retry-timeline-view";
import { SagaSequenceView } from "@/components/mechanisms/saga-sequence-view";
import { outboxSequence } from "@/lib/mechanisms/outbox-sequence";
import { ShuffleShardView } from "@/components/mechanisms/shuffle-shard-view";
import { TokenBucketView } from "@/components/mechanisms/token-bucket-view";
import { VisibilityTimeoutView } from "@/components/mechanisms/visibility-timeout-view";
import { WindowEdgesView } from "@/components/mechanisms/window-edges-view";
import { XFetchView } from "@/components/mechanisms/xfetch-view";
import type { BreakerTimeline } from "@/lib/mechanisms/breaker-timeline";
import { moduloMovedShare, ringSteps } from "@/lib/mechanisms/hash-ring";
import { queueingCurves, xfetchCurves } from "@/lib/mechanisms/queueing";
import { traceTokenBucket, traceWindowEdges } from "@/lib/mechanisms/rate-limiting";
import { retryTimeline } from "@/lib/mechanisms/retry-timeline";
import { sequenceTrace } from "@/lib/mechanisms/saga-sequence";
import { allShards, overlapProbability, overlapsWith, shuffleShardLayout } from "@/lib/mechanisms/shuffle-shard";
import { visibilityTrace } from "@/lib/mechanisms/visibility-timeout";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
afterEach(() => {
  act(() => root?.unmount());
  root = null;
  document.body.innerHTML = "";
  vi.useRealTimers();
});

function render(ui: ReactElement) {
  const host = document.createElement("div");
  document.body.append(host);
  root = createRoot(host);
  act(() => root!.render(ui));
  return host;
}

const q = (host: HTMLElement, id: string) => host.querySelector<HTMLElement>(`[data-testid=${id}]`)!;
const stepOf = (host: HTMLElement) => Number(host.querySelector("figure")!.getAttribute("data-step"));
const click = (el: HTMLElement) => act(() => el.dispatchEvent(new MouseEvent("click", { bubbles: true })));

const layout = shuffleShardLayout(8, 2, 28);
// A small hand-made breaker timeline (the real-run model is tested in tests/unit/lib/mechanisms).
const breaker: BreakerTimeline = {
  breaker: "recs-breaker",
  endMs: 4000,
  bands: [
    { state: "closed", fromMs: 0, toMs: 1500 },
    { state: "open", fromMs: 1500, toMs: 3000 },
    { state: "half-open", fromMs: 3000, toMs: 3100 },
    { state: "closed", fromMs: 3100, toMs: 4000 },
  ],
  seconds: [1000, 2000, 3000, 4000].map((tMs, i) => ({ tMs, completed: [90, 10, 0, 95][i], failed: [0, 80, 100, 0][i], state: "closed" as const })),
  faults: [{ target: "recs", kind: "errors", fromMs: 1000, toMs: 3000 }],
  transitions: 3,
};

const views: { name: string; ui: () => ReactElement; steps: number; text: RegExp }[] = [
  { name: "TokenBucketView", ui: () => <TokenBucketView trace={traceTokenBucket(2, 5)} />, steps: traceTokenBucket(2, 5).frames.length, text: /bucket holds/ },
  { name: "WindowEdgesView", ui: () => <WindowEdgesView trace={traceWindowEdges(5, 1000)} />, steps: traceWindowEdges(5, 1000).frames.length, text: /fixed window (admits|refuses)/ },
  { name: "HashRingView", ui: () => <HashRingView steps={ringSteps(["a", "b", "c", "d", "e"], 16)} moduloMoved={moduloMovedShare(4)} />, steps: 3, text: /one point each/ },
  { name: "BreakerTimelineView", ui: () => <BreakerTimelineView timeline={breaker} title="Breaker" />, steps: 4, text: /recs-breaker is closed/ },
  { name: "RetryTimelineView", ui: () => <RetryTimelineView timeline={retryTimeline(50, 3)} />, steps: retryTimeline(50, 3).histograms[0].bins.length, text: /no jitter sends/ },
  { name: "VisibilityTimeoutView", ui: () => <VisibilityTimeoutView traces={(["crash", "slow"] as const).map((s) => visibilityTrace(s))} />, steps: visibilityTrace("crash").events.length, text: /consumer B/ },
  { name: "SagaSequenceView", ui: () => <SagaSequenceView withFailure={sequenceTrace("saga", true)} withoutFailure={sequenceTrace("saga", false)} />, steps: sequenceTrace("saga", true).messages.length, text: /Compensation|compensates/ },
  { name: "OutboxSequenceView", ui: () => <SagaSequenceView withFailure={outboxSequence("outbox", true)} withoutFailure={outboxSequence("outbox", false)} title="One change through an outbox" failureName="relay crashes before marking" />, steps: outboxSequence("outbox", true).messages.length, text: /duplicate|again/ },
  { name: "XFetchView", ui: () => <XFetchView curves={xfetchCurves()} />, steps: xfetchCurves().gapsMs.length, text: /before expiry/ },
  { name: "QueueingCurvesView", ui: () => <QueueingCurvesView curves={queueingCurves()} />, steps: queueingCurves().utilisations.length, text: /80% utilisation .* 4\.00× its service time with 1 worker/ },
  {
    name: "ShuffleShardView",
    ui: () => <ShuffleShardView layout={layout} overlaps={layout.tenants.map((_, p) => overlapsWith(layout, p))} fullOverlapProbability={overlapProbability(8, 2, 2)} totalShards={allShards(8, 2).length} />,
    steps: 28,
    text: /1 in 28/,
  },
];

describe.each(views)("<$name>", ({ ui, steps, text }) => {
  it("renders on the server with its description and the table of steps (the text alternative)", () => {
    const html = renderToString(ui());
    const doc = new DOMParser().parseFromString(html, "text/html");
    expect(doc.querySelector("[data-testid=mechanism-description]")!.textContent).toMatch(text);
    expect(doc.querySelector("table caption")!.textContent!.length).toBeGreaterThan(5);
    expect(doc.querySelectorAll("table tbody tr").length).toBeGreaterThan(0);
    // The drawing is decorative to assistive technology: the description and table carry it.
    expect(doc.querySelector("svg")!.closest("[aria-hidden=true]")).not.toBeNull();
  });

  it("steps back and forward with buttons and the scrubber, and describes each step", () => {
    const host = render(ui());
    const scrubber = host.querySelector<HTMLInputElement>("[data-testid=mechanism-scrubber]")!;
    expect(Number(scrubber.max)).toBe(steps - 1);
    const start = stepOf(host);
    const descriptions = new Set<string>();
    click(q(host, "mechanism-back"));
    expect(stepOf(host)).toBe(Math.max(0, start - 1));
    descriptions.add(q(host, "mechanism-description").textContent!);
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!;
    act(() => {
      setter.call(scrubber, "0");
      scrubber.dispatchEvent(new Event("input", { bubbles: true }));
    });
    expect(stepOf(host)).toBe(0);
    expect(q(host, "mechanism-back").hasAttribute("disabled")).toBe(true);
    descriptions.add(q(host, "mechanism-description").textContent!);
    click(q(host, "mechanism-next"));
    expect(stepOf(host)).toBe(1);
    descriptions.add(q(host, "mechanism-description").textContent!);
    expect(descriptions.size).toBeGreaterThan(1);
    expect(scrubber.getAttribute("aria-valuetext")).toMatch(new RegExp(`^Step 2 of ${steps}`));
  });

  it("plays to the end and stops, announcing only when not playing", () => {
    vi.useFakeTimers();
    const host = render(ui());
    const before = stepOf(host);
    click(q(host, "mechanism-play"));
    // Play from the last step replays from the first; from anywhere else it continues.
    expect(stepOf(host)).toBe(before === steps - 1 ? 0 : before);
    expect(q(host, "mechanism-description").getAttribute("aria-live")).toBe("off");
    for (let i = 0; i < steps + 2; i++) act(() => vi.advanceTimersByTime(5000));
    expect(stepOf(host)).toBe(steps - 1);
    expect(q(host, "mechanism-play").textContent).toMatch(/Replay/);
    expect(q(host, "mechanism-description").getAttribute("aria-live")).toBe("polite");
  });
});

describe("variant switches", () => {
  it("the visibility view switches scenarios with a radio group and restarts its timeline", () => {
    const host = render(<VisibilityTimeoutView traces={(["crash", "slow"] as const).map((s) => visibilityTrace(s))} />);
    const radios = host.querySelectorAll<HTMLInputElement>("input[type=radio]");
    expect(radios).toHaveLength(2);
    act(() => radios[1].focus());
    click(radios[1]);
    // The switch keeps its focus (the timeline resets in place; nothing remounts).
    expect(document.activeElement).toBe(radios[1]);
    expect(radios[1].checked).toBe(true);
    expect(host.querySelectorAll("tbody tr")).toHaveLength(visibilityTrace("slow").events.length);
    expect(q(host, "mechanism-description").textContent).toMatch(/./);
  });

  it("the saga view switches between the failure and the clean run", () => {
    const host = render(<SagaSequenceView withFailure={sequenceTrace("2pc", true)} withoutFailure={sequenceTrace("2pc", false)} />);
    expect(host.textContent).toMatch(/in doubt/);
    click(host.querySelectorAll<HTMLInputElement>("input[type=radio]")[1]);
    expect(host.querySelectorAll("tbody tr")).toHaveLength(sequenceTrace("2pc", false).messages.length);
  });
});
