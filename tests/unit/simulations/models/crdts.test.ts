/**
 * CRDTs converge: replicas that receive the same states in any order, grouping or repetition end in
 * the same state, and that state counts every update (Shapiro et al. 2011). Property tests with
 * fast-check: random updates at three replicas, then random delivery schedules.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { crdts } from "@/simulations";

const R = 3;
type Update = { replica: number; delta: number; element: string; remove: boolean };
const update = fc.record({ replica: fc.integer({ min: 0, max: R - 1 }), delta: fc.integer({ min: -3, max: 5 }), element: fc.constantFrom("a", "b", "c"), remove: fc.boolean() });

/** Each replica's state after its own updates (in order), for a CRDT given by its operations. */
function localStates<S>(updates: Update[], empty: () => S, apply: (s: S, u: Update) => S): S[] {
  const states = Array.from({ length: R }, empty);
  for (const u of updates) states[u.replica] = apply(states[u.replica], u);
  return states;
}

/** Delivers the states to a fresh replica in the given order (repeats allowed), merging each. */
function deliver<S>(states: S[], order: number[], start: S, merge: (a: S, b: S) => S): S {
  let s = start;
  for (const i of order) s = merge(s, states[i]);
  return s;
}

// Every state at least once, in any order, with repeats.
const schedule = fc.array(fc.integer({ min: 0, max: R - 1 }), { maxLength: 12 }).chain((extra) => fc.shuffledSubarray([0, 1, 2, ...extra], { minLength: R + extra.length, maxLength: R + extra.length }));

describe("CRDTs", () => {
  it("G-counter and PN-counter: any delivery order gives the same value, the sum of every update", () => {
    fc.assert(
      fc.property(fc.array(update, { maxLength: 40 }), schedule, schedule, (updates, order1, order2) => {
        const g = localStates(updates, () => crdts.gCounter(R), (s, u) => crdts.gIncrement(s, u.replica, Math.abs(u.delta)));
        const g1 = deliver(g, order1, crdts.gCounter(R), crdts.gMerge);
        const g2 = deliver(g, order2, crdts.gCounter(R), crdts.gMerge);
        expect(g1).toEqual(g2);
        expect(crdts.gValue(g1)).toBe(updates.reduce((s, u) => s + Math.abs(u.delta), 0));
        const pn = localStates(updates, () => crdts.pnCounter(R), (s, u) => crdts.pnAdd(s, u.replica, u.delta));
        const p1 = deliver(pn, order1, crdts.pnCounter(R), crdts.pnMerge);
        const p2 = deliver(pn, order2, crdts.pnCounter(R), crdts.pnMerge);
        expect(p1).toEqual(p2);
        expect(crdts.pnValue(p1)).toBe(updates.reduce((s, u) => s + u.delta, 0));
      }),
      { numRuns: 300, seed: 12 },
    );
  });

  it("OR-set: any delivery order gives the same elements; an add nobody observed survives a remove", () => {
    fc.assert(
      fc.property(fc.array(update, { maxLength: 40 }), schedule, schedule, (updates, order1, order2) => {
        const sets = localStates(updates, crdts.orSet, (s, u) => (u.remove ? crdts.orRemove(s, u.element) : crdts.orAdd(s, u.replica, u.element)));
        const a = deliver(sets, order1, crdts.orSet(), crdts.orMerge);
        const b = deliver(sets, order2, crdts.orSet(), crdts.orMerge);
        expect(crdts.orValue(a)).toEqual(crdts.orValue(b));
        // Reference: an element is present iff some replica's last local operation on it was an add
        // (removes only cancel dots their own replica observed, and replicas did not exchange states).
        const expected = new Set<string>();
        for (let r = 0; r < R; r++)
          for (const el of ["a", "b", "c"]) {
            const last = updates.filter((u) => u.replica === r && u.element === el).at(-1);
            if (last && !last.remove) expected.add(el);
          }
        expect(crdts.orValue(a)).toEqual([...expected].sort());
      }),
      { numRuns: 300, seed: 13 },
    );
  });

  it("OR-set: a remove that observed the add wins; a concurrent add survives it", () => {
    let r0 = crdts.orAdd(crdts.orSet(), 0, "pizza");
    let r1 = crdts.orMerge(crdts.orSet(), r0); // r1 has seen the add
    r1 = crdts.orRemove(r1, "pizza");
    expect(crdts.orValue(crdts.orMerge(r0, r1))).toEqual([]);
    r0 = crdts.orAdd(r0, 0, "pizza"); // concurrent with the remove
    expect(crdts.orValue(crdts.orMerge(r0, r1))).toEqual(["pizza"]);
    expect(crdts.orValue(crdts.orMerge(r1, r0))).toEqual(["pizza"]);
  });
});
