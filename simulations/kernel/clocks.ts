/**
 * Logical clocks: Lamport timestamps and vector clocks (Lamport 1978; Fidge and Mattern 1988).
 *
 * A Lamport timestamp orders events consistently with causality (if a happened before b then
 * L(a) < L(b)) but not the converse. A vector clock holds one counter per process and characterises
 * causality exactly: a happened before b iff V(a) ≤ V(b) component-wise and V(a) ≠ V(b); when neither
 * holds the events are concurrent. Vectors are plain arrays indexed by process number.
 */

/** Vector clock: entry i counts the events of process i known to the holder. */
export type VectorClock = readonly number[];

/** How two events relate causally. */
export type CausalOrder = "before" | "after" | "equal" | "concurrent";

/** Compares two vector clocks of the same length. */
export function compareVectors(a: VectorClock, b: VectorClock): CausalOrder {
  let less = false;
  let greater = false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] < b[i]) less = true;
    else if (a[i] > b[i]) greater = true;
  }
  if (less && greater) return "concurrent";
  if (less) return "before";
  if (greater) return "after";
  return "equal";
}

/** Whether the event stamped `a` happened before the event stamped `b`. */
export function happenedBefore(a: VectorClock, b: VectorClock): boolean {
  return compareVectors(a, b) === "before";
}

/** Whether neither event happened before the other. */
export function concurrent(a: VectorClock, b: VectorClock): boolean {
  return compareVectors(a, b) === "concurrent";
}

/** The logical clocks of one process, advanced on every event it takes part in. */
export class LogicalClock {
  lamport = 0;
  readonly vector: number[];
  constructor(
    readonly index: number,
    processCount: number,
  ) {
    this.vector = new Array<number>(processCount).fill(0);
  }

  /** A local event or a send: tick both clocks. Returns the event's stamps. */
  tick(): { lamport: number; vector: number[] } {
    this.lamport++;
    this.vector[this.index]++;
    return { lamport: this.lamport, vector: this.vector.slice() };
  }

  /** A receive of a message stamped (`lamport`, `vector`): merge, then tick. */
  receive(lamport: number, vector: VectorClock): { lamport: number; vector: number[] } {
    this.lamport = Math.max(this.lamport, lamport);
    for (let i = 0; i < this.vector.length; i++) if (vector[i] > this.vector[i]) this.vector[i] = vector[i];
    return this.tick();
  }
}
