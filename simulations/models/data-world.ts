/**
 * The data behind the keys: versions, so that caches and replicated databases can tell a fresh read
 * from a stale one.
 *
 * Requests in the v1 format only read. The model library adds writes: a cache or database decides,
 * once per request, whether it is a read or a write (its `writeRatio` and `writers` fields), and a
 * write carries a new version of its key (a global counter, so later writes have higher numbers).
 * This module is the shared ledger of those versions for one run:
 *
 * - `committed`: the latest *acknowledged* write of each key (and when it was acknowledged). That is
 *   the truth a reader is entitled to see: a read answered with an older version is a **stale read**.
 * - `stored`: the version held by the system of record (the database behind the caches).
 * - the version carried by each answer, so that a cache in front of another cache (or of a replicated
 *   database) stores exactly the version it was given.
 *
 * Models find each other's versions through the run's {@link Simulation} (one world per simulation);
 * nothing here draws randomness or schedules events, so it cannot change any v1 result.
 */
import type { Simulation } from "../engine/simulation";
import type { Request } from "../kernel/model";

/** Something that can drop a key when an invalidation message reaches it (caches). */
export interface Invalidatable {
  invalidate(key: number, version: number): void;
}

export class DataWorld {
  private nextVersion = 1;
  /** Latest acknowledged version per key, and when it was acknowledged. */
  readonly committed = new Map<number, { version: number; atMs: number }>();
  /** Version in the system of record per key. */
  readonly stored = new Map<number, number>();
  /** Operation decided for a request: true = write, false = read. */
  private readonly ops = new WeakMap<Request, boolean>();
  /** Version assigned to a write request. */
  private readonly writeVersions = new WeakMap<Request, number>();
  /** Version of the value an answer carried (set by whoever answered a read). */
  private readonly answers = new WeakMap<Request, number>();
  /** Caches by node id, for invalidation messages. */
  readonly caches = new Map<string, Invalidatable>();

  /** Whether `request` is a write; decides it (with `decide`) the first time a data model sees it. */
  isWrite(request: Request, decide: () => boolean): boolean {
    let op = this.ops.get(request);
    if (op === undefined) {
      op = request.key >= 0 && decide();
      this.ops.set(request, op);
    }
    return op;
  }

  /** Marks a request the model creates itself (flushes, refreshes) as a read or write. */
  setOp(request: Request, write: boolean): void {
    this.ops.set(request, write);
  }

  /** The version a write request carries (assigned on first call). */
  versionOf(request: Request): number {
    let v = this.writeVersions.get(request);
    if (v === undefined) {
      v = this.nextVersion++;
      this.writeVersions.set(request, v);
    }
    return v;
  }

  setWriteVersion(request: Request, version: number): void {
    this.writeVersions.set(request, version);
  }

  /** A write of `version` to `key` was acknowledged to its writer at `nowMs`. */
  commit(key: number, version: number, nowMs: number): void {
    const c = this.committed.get(key);
    if (!c || c.version < version) this.committed.set(key, { version, atMs: nowMs });
  }

  /** The system of record now holds `version` of `key`. */
  store(key: number, version: number): void {
    if ((this.stored.get(key) ?? 0) < version) this.stored.set(key, version);
  }

  latest(key: number): number {
    return this.committed.get(key)?.version ?? 0;
  }

  /** How long ago the newest acknowledged write of `key` happened (0 when none). */
  staleForMs(key: number, nowMs: number): number {
    const c = this.committed.get(key);
    return c ? nowMs - c.atMs : 0;
  }

  /** Records the version of the value an answer to `request` carries. */
  answer(request: Request, version: number): void {
    this.answers.set(request, version);
  }

  /** The version an answer carried, or the stored version when the answerer did not say (a plain server). */
  answered(request: Request): number {
    return this.answers.get(request) ?? this.stored.get(request.key) ?? 0;
  }
}

const worlds = new WeakMap<Simulation, DataWorld>();

/** The data world of a run (created on first use). */
export function dataWorld(sim: Simulation): DataWorld {
  let w = worlds.get(sim);
  if (!w) {
    w = new DataWorld();
    worlds.set(sim, w);
  }
  return w;
}
