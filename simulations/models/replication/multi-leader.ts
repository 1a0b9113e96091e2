/**
 * Multi-leader replication: every replica accepts writes from its own clients and ships them to the
 * others after a lag, so two replicas can accept writes to the same key that neither has seen from the
 * other (concurrent writes). What a replica does when the copies meet is the conflict resolution:
 *
 * - `lww` (last writer wins): each write is stamped with the accepting replica's wall clock (ties
 *   broken by replica number) and the highest stamp survives everywhere. With clocks that disagree,
 *   "highest stamp" is not "last": a write accepted later in real time can lose to an earlier one.
 * - `version-vectors`: each stored value carries a version vector (one counter per replica, Parker et
 *   al. 1983). A value replaces another only when its vector dominates (it was written by someone who
 *   had seen the other); concurrent values are all kept as siblings for the reader to merge.
 * - `g-counter`: the register is a grow-only counter CRDT (Shapiro et al. 2011); a write is "add one",
 *   each replica counts its own increments and merging takes the entry-wise maximum, so every
 *   increment survives any order of delivery.
 *
 * Every stored value also carries its version vector in `lww` mode, used only to measure: a value
 * thrown away by a value whose vector does not dominate it is a silently lost write (`onLost`), the
 * same test in every mode.
 */
import { createSampler, type Dist } from "../../engine/distributions";
import { compareVectors } from "../../kernel/clocks";
import type { ProcessApi, ProcessBehaviour } from "../../kernel/network";
import type { ClientMessage, ReplyMessage } from "./register-processes";
import { gCounter, gIncrement, gMerge } from "./crdts";

export type ConflictResolution = "lww" | "version-vectors" | "g-counter";

/** One stored version of a key (a sibling when several are kept). */
export interface Sibling {
  value: number;
  /** Wall-clock stamp of the accepting replica (its local clock, skew included). */
  stampMs: number;
  /** Index of the replica that accepted the write. */
  origin: number;
  vector: number[];
  /** Simulated (true) time the write was accepted: measurement only, no replica can read it. */
  trueMs: number;
}

type KeyState = { siblings: Sibling[] } | { counts: number[] };
type PeerMessage = { type: "replicate-ml"; key: number; siblings?: Sibling[]; counts?: number[] };

export interface MultiLeaderOptions {
  index: number;
  replicas: string[];
  resolution: ConflictResolution;
  lagMs: Dist;
  /** Simulated time (for the measurement-only `trueMs`). */
  trueNow(): number;
  /** A value was discarded by one that does not dominate it. */
  onLost(lost: Sibling, winner: Sibling): void;
  /** An arriving value met a concurrent one. */
  onConflict(key: number): void;
}

const dominates = (a: number[], b: number[]) => {
  const order = compareVectors(a, b);
  return order === "after" || order === "equal";
};
/** The LWW order: wall-clock stamp, then replica number. */
const lwwWins = (a: Sibling, b: Sibling) => a.stampMs > b.stampMs || (a.stampMs === b.stampMs && a.origin > b.origin);

/** The value a read returns: the LWW winner among the siblings (a client would merge them). */
export function readValue(state: KeyState | undefined): { value: number | null; version: number } {
  if (!state) return { value: null, version: 0 };
  if ("counts" in state) {
    const total = state.counts.reduce((a, b) => a + b, 0);
    return { value: total, version: total };
  }
  const best = state.siblings.reduce((a, b) => (lwwWins(b, a) ? b : a));
  return { value: best.value, version: Math.round(best.stampMs * 1000) * 16 + best.origin + 1 };
}

/** Merges an arriving sibling into a key's siblings under `resolution` (reporting losses). */
export function mergeSibling(current: Sibling[], incoming: Sibling, resolution: "lww" | "version-vectors", o: Pick<MultiLeaderOptions, "onLost" | "onConflict">, key: number): Sibling[] {
  if (current.some((s) => s.value === incoming.value)) return current; // a duplicate delivery
  if (current.some((s) => compareVectors(s.vector, incoming.vector) === "concurrent")) o.onConflict(key);
  if (resolution === "lww") {
    const c = current[0];
    if (!c) return [incoming];
    const [winner, loser] = lwwWins(incoming, c) ? [incoming, c] : [c, incoming];
    if (!dominates(winner.vector, loser.vector)) o.onLost(loser, winner);
    return [winner];
  }
  if (current.some((s) => dominates(s.vector, incoming.vector))) return current;
  return [...current.filter((s) => !dominates(incoming.vector, s.vector)), incoming];
}

/** A replica that accepts writes itself and replicates to every other replica after a lag. */
export function multiLeaderReplica(api: ProcessApi, o: MultiLeaderOptions): ProcessBehaviour {
  let data = api.disk.get("ml-data") as Map<number, KeyState> | undefined;
  if (!data) api.disk.set("ml-data", (data = new Map()));
  const store = data;
  const lag = createSampler(o.lagMs, api.random("replication-lag"));
  const n = o.replicas.length;
  const peers = o.replicas.filter((_, i) => i !== o.index);
  const ship = (key: number, payload: PeerMessage) => {
    for (const p of peers) api.setTimer(lag(), "ship", () => api.send(p, "replicate", payload));
  };
  const reply = (to: string, m: ReplyMessage) => api.send(to, m.type, m);

  const localWrite = (key: number, value: number): { value: number | null; version: number } => {
    if (o.resolution === "g-counter") {
      const s = (store.get(key) as { counts: number[] } | undefined) ?? { counts: gCounter(n) as number[] };
      const counts = gIncrement(s.counts, o.index) as number[];
      store.set(key, { counts });
      ship(key, { type: "replicate-ml", key, counts });
      return readValue({ counts });
    }
    // The client wrote having seen what this replica holds: its vector covers every sibling here.
    const current = (store.get(key) as { siblings: Sibling[] } | undefined)?.siblings ?? [];
    const vector = new Array<number>(n).fill(0);
    for (const s of current) for (let i = 0; i < n; i++) vector[i] = Math.max(vector[i], s.vector[i]);
    vector[o.index]++;
    const written: Sibling = { value, stampMs: api.now(), origin: o.index, vector, trueMs: o.trueNow() };
    store.set(key, { siblings: [written] });
    ship(key, { type: "replicate-ml", key, siblings: [written] });
    return readValue({ siblings: [written] });
  };

  const merge = (m: PeerMessage) => {
    if (m.counts) {
      const s = (store.get(m.key) as { counts: number[] } | undefined) ?? { counts: gCounter(n) as number[] };
      store.set(m.key, { counts: gMerge(s.counts, m.counts) as number[] });
      return;
    }
    let siblings = (store.get(m.key) as { siblings: Sibling[] } | undefined)?.siblings ?? [];
    for (const incoming of m.siblings ?? []) siblings = mergeSibling(siblings, incoming, o.resolution as "lww" | "version-vectors", o, m.key);
    store.set(m.key, { siblings });
    if (siblings.length > 1) api.setState({ key: m.key, siblings: siblings.length });
  };

  return {
    onMessage(from, _label, payload) {
      const m = payload as ClientMessage | PeerMessage;
      if (m.type === "replicate-ml") return merge(m);
      if (m.type === "read") {
        const r = readValue(store.get(m.key));
        return reply(from, { type: "read-ok", op: m.op, value: r.value, version: r.version });
      }
      const written = localWrite(m.key, m.value);
      reply(from, { type: "write-ok", op: m.op, version: written.version });
    },
  };
}

/** The siblings or counts a replica holds for every key (for end-of-run measurements). */
export function storedKeys(disk: Map<string, unknown>): Map<number, KeyState> {
  return (disk.get("ml-data") as Map<number, KeyState> | undefined) ?? new Map();
}
