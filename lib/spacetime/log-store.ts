/**
 * The main thread's copy of a protocol node's run, fed by frames: the message log with indexes the
 * space-time view needs (events per lane, the send and deliveries of each message), the client
 * operations, crash and partition intervals, and the checker's verdict. Plain mutable arrays behind a
 * version number (a 20,000-entry log is not copied on every frame); `subscribe` and `version` suit
 * React's useSyncExternalStore.
 */
import type { LogEvent, Operation } from "@/simulations";
import type { CheckSummary, ProtocolFrame } from "./types";

/** The events of one message: its send, every delivery (duplicates), and its drop. */
export interface MessageRecord {
  send?: LogEvent;
  delivers: LogEvent[];
  drop?: LogEvent;
}

/** A time interval; `toMs` null while it lasts. */
export interface Interval {
  fromMs: number;
  toMs: number | null;
}

export interface CrashInterval extends Interval {
  process: string;
}

export interface PartitionInterval extends Interval {
  groups: string[][];
}

/** One protocol node as the view holds it. */
export interface ProtocolLog {
  nodeId: string;
  processes: string[];
  /** In seq order, which is also time order. */
  events: LogEvent[];
  messages: Map<number, MessageRecord>;
  /** Events at each process (lane), in time order. */
  lanes: Map<string, LogEvent[]>;
  ops: Map<number, Operation>;
  crashes: CrashInterval[];
  partitions: PartitionInterval[];
  check: CheckSummary | null;
  /** The simulated time of the latest frame. */
  nowMs: number;
}

/** Default number of log entries kept on the main thread (oldest dropped first). */
export const MAX_KEPT_EVENTS = 40_000;

/** Parses a partition label "{r1,c1} | {r2,r3}" into its groups. */
export function parsePartitionLabel(label: string | undefined): string[][] {
  if (!label) return [];
  return label
    .split("|")
    .map((part) => part.trim().replace(/^\{|\}$/g, ""))
    .map((part) => part.split(",").map((p) => p.trim()).filter(Boolean));
}

export function emptyLog(nodeId: string, processes: string[] = []): ProtocolLog {
  return { nodeId, processes, events: [], messages: new Map(), lanes: new Map(processes.map((p) => [p, []])), ops: new Map(), crashes: [], partitions: [], check: null, nowMs: 0 };
}

/** Adds events (in seq order) to the log's indexes. */
export function appendEvents(log: ProtocolLog, events: readonly LogEvent[]): void {
  for (const e of events) {
    log.events.push(e);
    if (e.messageId !== undefined) {
      let m = log.messages.get(e.messageId);
      if (!m) log.messages.set(e.messageId, (m = { delivers: [] }));
      if (e.type === "send") m.send = e;
      else if (e.type === "deliver") m.delivers.push(e);
      else if (e.type === "drop") m.drop = e;
    }
    if (e.process !== undefined && e.type !== "drop") {
      let lane = log.lanes.get(e.process);
      if (!lane) log.lanes.set(e.process, (lane = []));
      lane.push(e);
    }
    if (e.type === "crash") log.crashes.push({ process: e.process!, fromMs: e.atMs, toMs: null });
    else if (e.type === "restart") {
      const open = log.crashes.findLast((c) => c.process === e.process && c.toMs === null);
      if (open) open.toMs = e.atMs;
    } else if (e.type === "partition") {
      const open = log.partitions.at(-1);
      if (open && open.toMs === null) open.toMs = e.atMs; // a new split replaces the old one
      log.partitions.push({ fromMs: e.atMs, toMs: null, groups: parsePartitionLabel(e.label) });
    } else if (e.type === "heal") {
      const open = log.partitions.at(-1);
      if (open && open.toMs === null) open.toMs = e.atMs;
    }
  }
}

/** Rebuilds every index from `events` (after trimming the oldest). */
function reindex(log: ProtocolLog, events: LogEvent[]): void {
  const fresh = emptyLog(log.nodeId, log.processes);
  appendEvents(fresh, events);
  Object.assign(log, { events: fresh.events, messages: fresh.messages, lanes: fresh.lanes, crashes: fresh.crashes, partitions: fresh.partitions });
}

/** Applies one frame's news to `log` (replacing it on reset). */
export function applyFrame(log: ProtocolLog, frame: ProtocolFrame, nowMs: number, maxEvents = MAX_KEPT_EVENTS): void {
  if (frame.reset) {
    const fresh = emptyLog(frame.nodeId, frame.processes);
    Object.assign(log, fresh);
  }
  appendEvents(log, frame.events);
  if (log.events.length > maxEvents) reindex(log, log.events.slice(log.events.length - Math.floor(maxEvents * 0.75)));
  for (const op of frame.ops) log.ops.set(op.id, op);
  log.check = frame.check;
  log.nowMs = nowMs;
}

export type ProtocolListener = () => void;

/** Per-lab holder of every protocol node's log, subscribable. */
export interface ProtocolStore {
  readonly logs: Map<string, ProtocolLog>;
  /** Bumped on every change. */
  readonly version: number;
  apply(frames: readonly ProtocolFrame[], nowMs: number, generation: number): void;
  subscribe(listener: ProtocolListener): () => void;
}

export function createProtocolStore(maxEvents = MAX_KEPT_EVENTS): ProtocolStore {
  const listeners = new Set<ProtocolListener>();
  let generation = -1;
  const store = {
    logs: new Map<string, ProtocolLog>(),
    version: 0,
    apply(frames: readonly ProtocolFrame[], nowMs: number, frameGeneration: number) {
      if (frameGeneration !== generation) {
        // A rebuilt run (an edit, a seek back): its first frame resets every node.
        generation = frameGeneration;
        store.logs.clear();
      }
      if (!frames.length && !store.logs.size) return;
      for (const frame of frames) {
        let log = store.logs.get(frame.nodeId);
        if (!log) store.logs.set(frame.nodeId, (log = emptyLog(frame.nodeId, frame.processes)));
        applyFrame(log, frame, nowMs, maxEvents);
      }
      store.version++;
      for (const l of [...listeners]) l();
    },
    subscribe(listener: ProtocolListener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
  return store;
}
