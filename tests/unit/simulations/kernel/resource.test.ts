/**
 * The kernel Resource (issue 11): workers + FIFO waiting room with time-weighted busy and queue. Its
 * invariants hold under random operation sequences, its time averages are exact, and `check()` does
 * catch a broken state.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Resource, WarmCounter } from "@/simulations/kernel/resource";

interface Job { id: number; slot: number }

describe("Resource", () => {
  it("keeps its invariants and FIFO order under random arrivals and departures", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.oneof(fc.constant(Infinity), fc.integer({ min: 0, max: 5 })),
        fc.array(fc.oneof(fc.constant("arrive" as const), fc.nat({ max: 10 })), { maxLength: 200 }),
        (capacity, queueCapacity, ops) => {
          const r = new Resource<Job>(capacity, queueCapacity, 0);
          let now = 0;
          let next = 0;
          const started: number[] = [];
          let refused = 0;
          for (const op of ops) {
            now += 1;
            if (op === "arrive") {
              const job = { id: next++, slot: -1 };
              if (r.hasFreeWorker) {
                r.start(now, job);
                started.push(job.id);
              } else if (r.hasRoom) r.enqueue(now, job);
              else refused++;
            } else if (r.busy > 0) {
              const job = r.inService()[op % r.busy];
              r.finish(job);
              const waiting = r.takeNext(now);
              if (waiting) {
                r.start(now, waiting);
                started.push(waiting.id);
              } else r.settle(now);
            }
            r.check();
          }
          // Jobs start in arrival order (FIFO), and every job is started, waiting or refused.
          expect(started).toEqual([...started].sort((a, b) => a - b));
          expect(started.length + r.waiting + refused).toBe(next);
        },
      ),
      { numRuns: 300, seed: 11 },
    );
  });

  it("measures time-weighted busy and queue from the end of warm-up", () => {
    const r = new Resource<Job>(2, Infinity, 10);
    const a = { id: 1, slot: -1 };
    const b = { id: 2, slot: -1 };
    const c = { id: 3, slot: -1 };
    r.start(0, a); // 1 busy from 0 (counted from 10)
    r.start(20, b); // 2 busy from 20
    r.enqueue(30, c); // 1 waiting from 30
    r.finish(a);
    r.start(40, r.takeNext(40)!); // hand-over at 40: still 2 busy, 0 waiting
    // busy: 1 × (20 − 10) + 2 × (50 − 20) = 70 worker-ms over 2 × 40 → 0.875
    expect(r.utilization(50, 10)).toBeCloseTo(70 / 80, 12);
    // waiting: 1 × (40 − 30) over 40 ms
    expect(r.meanQueueLength(50)).toBeCloseTo(10 / 40, 12);
    const victims = r.clear(50);
    expect(victims.map((j) => j.id).sort()).toEqual([2, 3]);
    expect(r.busy + r.waiting).toBe(0);
  });

  it("check() reports a broken state", () => {
    const r = new Resource<Job>(1, 0, 0);
    r.start(0, { id: 1, slot: -1 });
    r.start(0, { id: 2, slot: -1 }); // the caller did not look at hasFreeWorker
    expect(() => r.check()).toThrow(/busy > capacity/);
    const q = new Resource<Job>(2, 5, 0);
    q.enqueue(0, { id: 3, slot: -1 }); // waits although a worker is free
    expect(() => q.check()).toThrow(/waits while a worker is free/);
  });
});

describe("WarmCounter", () => {
  it("counts only requests that arrived after warm-up", () => {
    const c = new WarmCounter();
    c.add({ counted: false });
    c.add({ counted: true });
    c.add({ counted: true }, 3);
    expect(c.value).toBe(4);
  });
});
