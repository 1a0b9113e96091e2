/**
 * State-based CRDTs (Shapiro, Preguiça, Baquero and Zawirski, "Conflict-free Replicated Data Types",
 * SSS 2011): replicas update their own copy without coordination and exchange whole states; `merge` is
 * a join (commutative, associative, idempotent), so replicas that have received the same updates hold
 * the same state whatever the order, grouping or repetition of deliveries.
 *
 * - G-counter: one count per replica; increment your own entry; merge takes the entry-wise maximum;
 *   the value is the sum.
 * - PN-counter: two G-counters, increments and decrements; the value is their difference.
 * - OR-set (observed-remove set): an add tags the element with a unique dot; a remove deletes only the
 *   dots it has observed, so an add concurrent with a remove survives (add wins).
 * Pure values (every operation returns a new state), used by the multi-leader register's G-counter
 * mode and by the chapter's examples.
 */

/** Grow-only counter: entry i is replica i's increments. */
export type GCounter = readonly number[];

export const gCounter = (replicas: number): GCounter => new Array<number>(replicas).fill(0);
export const gIncrement = (c: GCounter, replica: number, by = 1): GCounter => c.map((v, i) => (i === replica ? v + by : v));
export const gMerge = (a: GCounter, b: GCounter): GCounter => a.map((v, i) => Math.max(v, b[i]));
export const gValue = (c: GCounter): number => c.reduce((s, v) => s + v, 0);

/** Counter that also goes down: increments P and decrements N. */
export interface PNCounter {
  p: GCounter;
  n: GCounter;
}
export const pnCounter = (replicas: number): PNCounter => ({ p: gCounter(replicas), n: gCounter(replicas) });
export const pnAdd = (c: PNCounter, replica: number, delta: number): PNCounter =>
  delta >= 0 ? { p: gIncrement(c.p, replica, delta), n: c.n } : { p: c.p, n: gIncrement(c.n, replica, -delta) };
export const pnMerge = (a: PNCounter, b: PNCounter): PNCounter => ({ p: gMerge(a.p, b.p), n: gMerge(a.n, b.n) });
export const pnValue = (c: PNCounter): number => gValue(c.p) - gValue(c.n);

/** Observed-remove set: live dots per element, and every dot ever removed (tombstones). */
export interface ORSet {
  /** element → dots ("replica:counter") currently adding it. */
  adds: ReadonlyMap<string, ReadonlySet<string>>;
  removed: ReadonlySet<string>;
  /** This replica's next dot number. */
  counter: number;
}
export const orSet = (): ORSet => ({ adds: new Map(), removed: new Set(), counter: 0 });

/** Adds `element` with a fresh dot of `replica`. */
export function orAdd(s: ORSet, replica: number, element: string): ORSet {
  const dot = `${replica}:${s.counter + 1}`;
  const adds = new Map(s.adds);
  adds.set(element, new Set([...(adds.get(element) ?? []), dot]));
  return { adds, removed: s.removed, counter: s.counter + 1 };
}

/** Removes `element` as observed here: only the dots this replica has seen. */
export function orRemove(s: ORSet, element: string): ORSet {
  const dots = s.adds.get(element);
  if (!dots) return s;
  const adds = new Map(s.adds);
  adds.delete(element);
  return { adds, removed: new Set([...s.removed, ...dots]), counter: s.counter };
}

/** Join: union of dots minus union of tombstones. */
export function orMerge(a: ORSet, b: ORSet): ORSet {
  const removed = new Set([...a.removed, ...b.removed]);
  const adds = new Map<string, Set<string>>();
  for (const source of [a.adds, b.adds])
    for (const [element, dots] of source)
      for (const d of dots) {
        if (removed.has(d)) continue;
        let set = adds.get(element);
        if (!set) adds.set(element, (set = new Set()));
        set.add(d);
      }
  return { adds, removed, counter: a.counter };
}

/** The elements present (sorted, for comparison). */
export const orValue = (s: ORSet): string[] => [...s.adds.keys()].sort();
