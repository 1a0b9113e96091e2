/**
 * Session guarantees (Terry et al., "Session Guarantees for Weakly Consistent Replicated Data", 1994),
 * checked per client session on a key-value history whose operations carry versions.
 *
 * Versions of a key are totally ordered (the system's own order of writes). For a session s:
 * - read-your-writes: a read of k after s's write of k returned sees at least that write's version;
 * - monotonic reads: a read of k sees at least the version of s's earlier reads of k;
 * - monotonic writes: s's writes of k get increasing versions in the order s issued them;
 * - writes-follow-reads: a write of k after s read version v of k gets a version above v.
 * "After" means the earlier operation returned before the later one was invoked. Also counted: stale
 * reads, reads older than the newest write of their key (by anyone) acknowledged before they began.
 */
import type { Operation } from "./history";

export interface SessionViolation {
  guarantee: SessionGuarantee;
  /** The operation that broke the guarantee, and the earlier one it contradicts. */
  operation: number;
  earlier: number;
}

export type SessionGuarantee = "readYourWrites" | "monotonicReads" | "monotonicWrites" | "writesFollowReads";

export interface SessionResult {
  violations: Record<SessionGuarantee, number>;
  /** The first few violations of each guarantee, for explanations. */
  examples: SessionViolation[];
  staleReads: number;
  /** Reads that began after some write of their key was acknowledged (the reads that could be stale). */
  staleCandidates: number;
  /** Operations without a version are skipped (reported so a caller can tell). */
  unversioned: number;
}

/** Checks the four session guarantees and counts stale reads. */
export function checkSessions(history: readonly Operation[], maxExamples = 5): SessionResult {
  const violations: Record<SessionGuarantee, number> = { readYourWrites: 0, monotonicReads: 0, monotonicWrites: 0, writesFollowReads: 0 };
  const examples: SessionViolation[] = [];
  const flag = (guarantee: SessionGuarantee, operation: Operation, earlier: Operation) => {
    violations[guarantee]++;
    if (examples.filter((e) => e.guarantee === guarantee).length < maxExamples) examples.push({ guarantee, operation: operation.id, earlier: earlier.id });
  };
  let unversioned = 0;
  const versioned: Operation[] = [];
  for (const o of history) {
    if (o.version === undefined || o.returnMs === Infinity) unversioned += o.version === undefined ? 1 : 0;
    else versioned.push(o);
  }

  // Per session, in invocation order, with the session's completed operations per key.
  const sessions = new Map<string, Operation[]>();
  for (const o of versioned) {
    let list = sessions.get(o.process);
    if (!list) sessions.set(o.process, (list = []));
    list.push(o);
  }
  for (const ops of sessions.values()) {
    ops.sort((a, b) => a.invokeMs - b.invokeMs || a.id - b.id);
    for (let i = 0; i < ops.length; i++) {
      const later = ops[i];
      // The latest-version earlier write and read of the same key that returned before `later` began.
      let lastWrite: Operation | null = null;
      let lastRead: Operation | null = null;
      for (let j = 0; j < i; j++) {
        const e = ops[j];
        if (e.key !== later.key || e.returnMs > later.invokeMs) continue;
        if (e.op === "write" && (lastWrite === null || e.version! > lastWrite.version!)) lastWrite = e;
        if (e.op === "read" && (lastRead === null || e.version! > lastRead.version!)) lastRead = e;
      }
      if (later.op === "read") {
        if (lastWrite && later.version! < lastWrite.version!) flag("readYourWrites", later, lastWrite);
        if (lastRead && later.version! < lastRead.version!) flag("monotonicReads", later, lastRead);
      } else {
        if (lastWrite && later.version! <= lastWrite.version!) flag("monotonicWrites", later, lastWrite);
        if (lastRead && later.version! <= lastRead.version!) flag("writesFollowReads", later, lastRead);
      }
    }
  }

  // Stale reads: against every acknowledged write of the key, by any session (writes sorted by return).
  const writesByKey = new Map<string | number, Operation[]>();
  for (const o of versioned) if (o.op === "write") {
    let list = writesByKey.get(o.key);
    if (!list) writesByKey.set(o.key, (list = []));
    list.push(o);
  }
  for (const list of writesByKey.values()) list.sort((a, b) => a.returnMs - b.returnMs);
  let staleReads = 0;
  let staleCandidates = 0;
  for (const o of versioned) {
    if (o.op !== "read") continue;
    let newest = -Infinity;
    for (const w of writesByKey.get(o.key) ?? []) {
      if (w.returnMs >= o.invokeMs) break;
      if (w.version! > newest) newest = w.version!;
    }
    if (newest > -Infinity) staleCandidates++;
    if (o.version! < newest) staleReads++;
  }
  return { violations, examples, staleReads, staleCandidates, unversioned };
}
