/**
 * Model behind the visibility-timeout view: one message's life in an SQS-style queue, following the
 * broker model's lease rules (simulations/models/broker/broker.ts): a receive hides the message for
 * `visibilityMs`; an ack before the deadline deletes it; when the deadline passes first the message
 * becomes visible again and the next receive is a redelivery (its receive count goes up); after
 * `maxReceiveCount` receives without an ack it goes to the dead-letter queue. Consumers take turns.
 * An ack that arrives after the lease expired is refused (the receipt is stale), so the work was
 * done twice.
 */

export type VisibilityScript = "ok" | "slow" | "crash" | "poison";

export interface VisibilityEvent {
  tMs: number;
  kind: "received" | "acked" | "ack-refused" | "crashed" | "failed" | "visible-again" | "dead-lettered";
  consumer?: string;
  /** Receive count after this event. */
  receiveCount: number;
  /** What the queue shows: the message is visible, hidden (leased) or gone. */
  queue: "visible" | "hidden" | "deleted" | "dead-lettered";
}

/** A consumer's busy stretch on the message. */
export interface WorkSpan {
  consumer: string;
  fromMs: number;
  toMs: number;
  end: "acked" | "late" | "crashed" | "failed";
}

export interface VisibilityTrace {
  script: VisibilityScript;
  visibilityMs: number;
  processingMs: number;
  maxReceiveCount: number;
  endMs: number;
  events: VisibilityEvent[];
  work: WorkSpan[];
  /** Times the message's side effect completed (an ack sent, in time or not). Over 1 means duplicate work. */
  completions: number;
}

export interface VisibilityOptions {
  visibilityMs?: number;
  processingMs?: number;
  maxReceiveCount?: number;
  /** Pause between the message becoming visible and the next consumer picking it up, ms. */
  pickupMs?: number;
}

/**
 * Plays one script: `ok` (work fits in the lease), `slow` (work takes longer than the lease: a second
 * consumer gets it while the first still works), `crash` (the first consumer dies mid-work: the message
 * waits out the lease, then is redelivered), `poison` (every attempt fails: dead-lettered after
 * `maxReceiveCount` receives).
 */
export function visibilityTrace(script: VisibilityScript, options: VisibilityOptions = {}): VisibilityTrace {
  const visibilityMs = options.visibilityMs ?? 30_000;
  const maxReceiveCount = options.maxReceiveCount ?? 3;
  const pickupMs = options.pickupMs ?? 3_000;
  const processingMs = options.processingMs ?? (script === "slow" ? visibilityMs + 10_000 : script === "poison" ? 4_000 : 12_000);
  const consumers = ["A", "B"];
  const events: VisibilityEvent[] = [];
  const work: WorkSpan[] = [];
  let receiveCount = 0;
  let t = 0;
  let attempt = 0;
  for (;;) {
    const consumer = consumers[attempt % consumers.length];
    receiveCount++;
    events.push({ tMs: t, kind: "received", consumer, receiveCount, queue: "hidden" });
    const deadline = t + visibilityMs;
    const crashes = script === "crash" && attempt === 0;
    const fails = script === "poison";
    if (crashes) {
      const at = t + Math.round(processingMs / 3);
      work.push({ consumer, fromMs: t, toMs: at, end: "crashed" });
      events.push({ tMs: at, kind: "crashed", consumer, receiveCount, queue: "hidden" });
    } else if (fails) {
      // The consumer gives up without an ack; the lease decides when the message comes back.
      work.push({ consumer, fromMs: t, toMs: t + processingMs, end: "failed" });
      events.push({ tMs: t + processingMs, kind: "failed", consumer, receiveCount, queue: "hidden" });
    } else if (t + processingMs <= deadline) {
      work.push({ consumer, fromMs: t, toMs: t + processingMs, end: "acked" });
      events.push({ tMs: t + processingMs, kind: "acked", consumer, receiveCount, queue: "deleted" });
      break;
    } else {
      // Too slow: the lease runs out first, and the late ack is refused.
      work.push({ consumer, fromMs: t, toMs: t + processingMs, end: "late" });
      events.push({ tMs: t + processingMs, kind: "ack-refused", consumer, receiveCount, queue: "hidden" });
    }
    if (receiveCount >= maxReceiveCount && !(script === "slow")) {
      events.push({ tMs: deadline, kind: "dead-lettered", receiveCount, queue: "dead-lettered" });
      break;
    }
    events.push({ tMs: deadline, kind: "visible-again", receiveCount, queue: "visible" });
    t = deadline + pickupMs;
    attempt++;
    if (script === "slow" && attempt >= 2) {
      // Show two overlapping leases and stop: every further attempt repeats the pattern.
      receiveCount++;
      events.push({ tMs: t, kind: "received", consumer: consumers[attempt % 2], receiveCount, queue: "hidden" });
      work.push({ consumer: consumers[attempt % 2], fromMs: t, toMs: t + processingMs, end: "late" });
      break;
    }
  }
  events.sort((a, b) => a.tMs - b.tMs);
  const endMs = Math.max(...events.map((e) => e.tMs), ...work.map((w) => w.toMs)) + 5_000;
  const completions = work.filter((w) => w.end === "acked" || w.end === "late").length;
  return { script, visibilityMs, processingMs, maxReceiveCount, endMs, events, work, completions };
}
