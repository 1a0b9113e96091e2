/**
 * The event-sourcing model against its definitions: replay is a left fold, so the whole log equals
 * any snapshot plus its tail (a property over logs, snapshot intervals and cut points); a rebuild's
 * cost is the events since the last snapshot; the upcaster makes old events read like new ones; the
 * read model rebuilds from scratch; a clock-reading handler diverges on replay and is flagged.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { applyEvent, checkReplay, describeEvent, generateLog, project, rebuild, replay, revenueByRestaurant, sameState, takeSnapshots, upcast, type StoredEvent } from "@/lib/event-sourcing/event-store";

describe("event store: replay", () => {
  it("full replay equals the newest snapshot plus its tail, for any log, interval N and cut point", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 160 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 1_000_000 }), fc.nat(), (count, every, seed, cutRaw) => {
        const log = generateLog(count, seed);
        const upTo = count === 0 ? 0 : cutRaw % (count + 1);
        const full = replay(log.slice(0, upTo));
        const fromSnapshot = rebuild(log, takeSnapshots(log, every), upTo);
        expect(sameState(full.state, fromSnapshot.state)).toBe(true);
        // The cost is the distance to the newest snapshot: fewer than N events.
        expect(fromSnapshot.applied).toBe(upTo - fromSnapshot.fromSeq);
        expect(fromSnapshot.applied).toBeLessThan(every);
      }),
      { numRuns: 200, seed: 20261205 },
    );
  });

  it("a rebuild's cost grows with the events since the last snapshot, then drops at the next one", () => {
    const log = generateLog(100, 3);
    const snaps = takeSnapshots(log, 25);
    const costs = [24, 25, 26, 49, 50, 51, 100].map((n) => rebuild(log, snaps, n).applied);
    expect(costs).toEqual([24, 0, 1, 24, 0, 1, 0]);
    expect(replay(log).applied).toBe(100);
  });

  it("would catch a fold that depends on where it starts (a snapshot that skipped an event)", () => {
    const log = generateLog(60, 5);
    const snaps = takeSnapshots(log, 10);
    const broken = snaps.map((s) => ({ seq: s.seq + 1, state: s.state }));
    const differs = [31, 45, 59].some((n) => !sameState(replay(log.slice(0, n)).state, rebuild(log, broken, n).state));
    expect(differs).toBe(true);
  });

  it("refuses a bad snapshot interval, naming it", () => {
    expect(() => takeSnapshots(generateLog(5), 0)).toThrow(/snapshot interval/);
    expect(() => generateLog(-1)).toThrow(/event count/);
  });
});

describe("event store: upcasting and projections", () => {
  it("upcasts a version-1 item (euros) to version 2 (cents) without touching the stored event", () => {
    const v1: StoredEvent = { seq: 1, type: "ItemAdded", version: 1, orderId: "o1", atMin: 3, data: { price: 12.75 } };
    const up = upcast(v1);
    expect(up.version).toBe(2);
    expect(up.data).toEqual({ priceCents: 1275 });
    expect(v1.data).toEqual({ price: 12.75 });
    expect(describeEvent(v1)).toMatch(/v1/);
  });

  it("a log written half in v1 and one written all in v2 fold to the same totals", () => {
    const mixed = generateLog(120, 9, 60);
    const modern = generateLog(120, 9, 0);
    expect(mixed.some((e) => e.version === 1 && e.type === "ItemAdded")).toBe(true);
    expect(sameState(replay(mixed).state, replay(modern).state)).toBe(true);
  });

  it("rebuilds the revenue read model from scratch, counting paid orders only", () => {
    const log = generateLog(200, 4);
    const revenue = project(log, revenueByRestaurant);
    const state = replay(log).state;
    const expected = Object.values(state).filter((o) => o.status !== "placed" && o.status !== "cancelled").reduce((s, o) => s + o.totalCents, 0);
    expect(Object.values(revenue).reduce((s, v) => s + v, 0)).toBe(expected);
    expect(expected).toBeGreaterThan(0);
  });

  it("ignores events for an order it never saw placed", () => {
    const s = applyEvent({}, { seq: 1, type: "OrderPaid", version: 2, orderId: "ghost", atMin: 0, data: {} });
    expect(s).toEqual({});
  });
});

describe("event store: non-deterministic handlers", () => {
  it("a handler that reads the clock diverges on replay and is flagged at the first courier event", () => {
    const log = generateLog(80, 2);
    const check = checkReplay(log, "clock-reading", 60);
    const firstCourier = log.find((e) => e.type === "CourierAssigned")!.seq;
    expect(check.diverged).toBe(true);
    expect(check.firstDivergentSeq).toBe(firstCourier);
    expect(check.ordersDiffering.length).toBeGreaterThan(0);
  });

  it("the deterministic handler replays identically however late", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 10_000 }), (seed, later) => {
        expect(checkReplay(generateLog(60, seed), "deterministic", later).diverged).toBe(false);
      }),
      { numRuns: 50, seed: 7 },
    );
  });
});
