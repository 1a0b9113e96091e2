/**
 * A simulated network of processes that exchange messages: the kernel's model of a distributed system.
 *
 * A process is a behaviour built by a factory: message handlers, timers and volatile state in the
 * factory's closure, plus a durable store (its disk) that the network keeps for it. A crash discards the
 * behaviour, its timers and the messages on their way to it; a restart calls the factory again with the
 * same disk, so what was written there survives and everything else is gone (the classic crash-recovery
 * model). Each directed link has a latency distribution, a loss and a duplication probability and a
 * reordering rate (a message held back by an extra delay, so later ones overtake it). A partition is any
 * split of the processes into groups; messages between groups are dropped until it heals. Each process
 * reads a local clock that drifts from simulated time by a rate and an offset.
 *
 * Every event (send, deliver, drop with its reason, timer set/fire/cancel, state change, crash,
 * restart, partition, heal) goes to a message log stamped with Lamport and vector timestamps, which the
 * space-time view draws and tests reason about. All randomness comes from named seeded streams, one per
 * link and purpose, so a run is a function of its seed.
 */
import { createSampler, type Dist, type Sampler } from "../engine/distributions";
import type { RandomStream } from "../engine/random";
import type { Simulation } from "../engine/simulation";
import { LogicalClock } from "./clocks";
import { TimerGroup, type TimerHandle } from "./timers";

/** Properties of a directed link between two processes. */
export interface LinkSpec {
  /** One-way delay of a message. */
  latencyMs: Dist;
  /** Probability 0..1 that a message is lost. */
  loss?: number;
  /** Probability 0..1 that a message is delivered twice (the copy takes its own latency). */
  duplicate?: number;
  /** Probability 0..1 that a message is held back by `reorderDelayMs` extra (so later ones overtake it). */
  reorder?: number;
  /** Extra delay of a held-back message; default 10 × the latency's draw. */
  reorderDelayMs?: number;
}

/** A process's local clock: local = simulated × (1 + driftRate) + offsetMs. */
export interface ClockSpec {
  driftRate?: number;
  offsetMs?: number;
}

/** What a process may do: the only door to the network, its timers, its disk and its clock. */
export interface ProcessApi {
  readonly id: string;
  /** Local clock reading (drifts from simulated time per the process's clock spec). */
  now(): number;
  /** Sends `payload` to process `to`; `label` names the message type in the log (e.g. "append"). */
  send(to: string, label: string, payload: unknown): void;
  /** Runs `fn` after `delayMs` of *local* time (a drifting clock makes it early or late). */
  setTimer(delayMs: number, label: string, fn: () => void): TimerHandle;
  /** The durable store: survives crashes and restarts. */
  readonly disk: Map<string, unknown>;
  /** Records a new visible state (drawn by the lab, logged as a state change). */
  setState(state: Record<string, string | number | boolean | null>): void;
  /** The process's own random stream for `purpose`. */
  random(purpose: string): RandomStream;
  /** Adds a free-form note to the log (a decision the reader should see). */
  note(text: string): void;
}

/** A process's behaviour: built on start and on every restart. */
export interface ProcessBehaviour {
  onMessage(from: string, label: string, payload: unknown): void;
}

export type ProcessFactory = (api: ProcessApi) => ProcessBehaviour;

/** Why a message was not delivered. */
export type DropReason = "loss" | "partition" | "crashed-receiver" | "crashed-sender";

/** One entry of the message log. */
export interface LogEvent {
  seq: number;
  atMs: number;
  type: "send" | "deliver" | "drop" | "timer-set" | "timer-fire" | "timer-cancel" | "state" | "crash" | "restart" | "partition" | "heal" | "note";
  /** The process the event happens at (for `partition`/`heal`: absent). */
  process?: string;
  /** Message id for send/deliver/drop; a duplicate delivery keeps its message's id. */
  messageId?: number;
  /** The other end of a message (receiver for send/drop, sender for deliver). */
  peer?: string;
  /** Message label, timer label, or partition groups as text. */
  label?: string;
  reason?: DropReason;
  /** State after a `state` event; the note for `note`. */
  detail?: string;
  /** Logical timestamps of the event at its process (absent for network-wide events and drops). */
  lamport?: number;
  vector?: number[];
}

/** A process's state as the lab draws it. */
export interface ProcessSnapshot {
  id: string;
  up: boolean;
  state: Record<string, string | number | boolean | null>;
  diskKeys: number;
  lamport: number;
  pendingTimers: number;
}

export interface NetworkOptions {
  sim: Simulation;
  /** Named seeded streams (e.g. a model context's `random`). */
  random: (purpose: string) => RandomStream;
  /** Link properties for every pair without an override. */
  defaultLink: LinkSpec;
  /** Overrides per directed link, keyed "from->to". */
  links?: Record<string, LinkSpec>;
  clocks?: Record<string, ClockSpec>;
  /** Log entries kept (oldest dropped first); counters keep counting. Default 20,000. */
  maxLogEvents?: number;
  /** Logs nothing when false (counters only): for long headless runs. Default true. */
  logging?: boolean;
}

interface Link {
  latency: Sampler;
  random: RandomStream;
  spec: LinkSpec;
}

interface ProcessRecord {
  index: number;
  factory: ProcessFactory;
  behaviour: ProcessBehaviour | null;
  timers: TimerGroup;
  disk: Map<string, unknown>;
  clock: LogicalClock;
  state: Record<string, string | number | boolean | null>;
  /** Bumped on crash: messages in flight to an older incarnation are lost. */
  incarnation: number;
  api: ProcessApi;
}

/** Message counters, for reports. */
export interface NetworkCounters {
  sent: number;
  delivered: number;
  dropped: number;
  duplicated: number;
  droppedBy: Record<DropReason, number>;
}

export class ProcessNetwork {
  readonly log: LogEvent[] = [];
  readonly counters: NetworkCounters = { sent: 0, delivered: 0, dropped: 0, duplicated: 0, droppedBy: { loss: 0, partition: 0, "crashed-receiver": 0, "crashed-sender": 0 } };
  private readonly processes = new Map<string, ProcessRecord>();
  private readonly order: string[] = [];
  private readonly links = new Map<string, Link>();
  /** Group number per process while partitioned; null when healed. */
  private groupOf: Map<string, number> | null = null;
  private seq = 0;
  private nextMessageId = 1;
  private readonly maxLog: number;
  private readonly logging: boolean;

  constructor(private readonly options: NetworkOptions) {
    this.maxLog = options.maxLogEvents ?? 20_000;
    this.logging = options.logging ?? true;
  }

  get sim(): Simulation {
    return this.options.sim;
  }

  /** Process ids in the order they were added (the lanes of the space-time view). */
  get processIds(): readonly string[] {
    return this.order;
  }

  /**
   * Adds a process; all processes must be added before the first `start` (vector clocks have one entry
   * per process).
   */
  add(id: string, factory: ProcessFactory): void {
    if (this.processes.has(id)) throw new Error(`network: process "${id}" exists`);
    const index = this.order.length;
    this.order.push(id);
    const record = { index, factory, behaviour: null, timers: new TimerGroup(this.sim), disk: new Map(), state: {}, incarnation: 0 } as unknown as ProcessRecord;
    record.api = this.apiFor(id, record);
    this.processes.set(id, record);
  }

  /** Starts every process (builds its behaviour). */
  start(): void {
    for (const r of this.processes.values()) r.clock = new LogicalClock(r.index, this.order.length);
    for (const r of this.processes.values()) r.behaviour = r.factory(r.api);
  }

  isUp(id: string): boolean {
    return this.record(id).behaviour !== null;
  }

  /** Crashes a process: volatile state, timers and messages in flight to it are lost; its disk stays. */
  crash(id: string): void {
    const r = this.record(id);
    if (!r.behaviour) return;
    r.behaviour = null;
    r.timers.cancelAll();
    r.incarnation++;
    this.append(r, { type: "crash" });
  }

  /** Restarts a crashed process from its disk (the factory runs again). */
  restart(id: string): void {
    const r = this.record(id);
    if (r.behaviour) return;
    r.state = {};
    this.append(r, { type: "restart" });
    r.behaviour = r.factory(r.api);
  }

  /**
   * Splits the processes into groups that cannot reach each other. A process named in no group can
   * reach every process (use it for clients that stay connected to both sides).
   */
  partition(groups: readonly (readonly string[])[]): void {
    const map = new Map<string, number>();
    groups.forEach((g, i) => g.forEach((id) => map.set(id, i)));
    this.groupOf = map;
    this.appendGlobal("partition", groups.map((g) => `{${g.join(",")}}`).join(" | "));
  }

  /** Ends the partition. */
  heal(): void {
    if (!this.groupOf) return;
    this.groupOf = null;
    this.appendGlobal("heal");
  }

  /** Whether a message from `a` to `b` would cross the current partition. */
  separated(a: string, b: string): boolean {
    const g = this.groupOf;
    if (!g) return false;
    const ga = g.get(a);
    const gb = g.get(b);
    return ga !== undefined && gb !== undefined && ga !== gb;
  }

  /** Every process's visible state. */
  snapshot(): ProcessSnapshot[] {
    return this.order.map((id) => {
      const r = this.record(id);
      return { id, up: r.behaviour !== null, state: { ...r.state }, diskKeys: r.disk.size, lamport: r.clock?.lamport ?? 0, pendingTimers: r.timers.size };
    });
  }

  /** The durable store of a process (tests and reports). */
  diskOf(id: string): Map<string, unknown> {
    return this.record(id).disk;
  }

  // --- internals ------------------------------------------------------------------------------

  private record(id: string): ProcessRecord {
    const r = this.processes.get(id);
    if (!r) throw new Error(`network: no process "${id}"`);
    return r;
  }

  private link(from: string, to: string): Link {
    const key = `${from}->${to}`;
    let link = this.links.get(key);
    if (!link) {
      const spec = this.options.links?.[key] ?? this.options.defaultLink;
      const random = this.options.random(`link/${key}`);
      link = { spec, random, latency: createSampler(spec.latencyMs, this.options.random(`link/${key}/latency`)) };
      this.links.set(key, link);
    }
    return link;
  }

  private apiFor(id: string, r: ProcessRecord): ProcessApi {
    const clock = this.options.clocks?.[id] ?? {};
    const rate = 1 + (clock.driftRate ?? 0);
    const offset = clock.offsetMs ?? 0;
    return {
      id,
      now: () => this.sim.now * rate + offset,
      send: (to, label, payload) => this.send(r, id, to, label, payload),
      setTimer: (delayMs, label, fn) => {
        this.append(r, { type: "timer-set", label });
        const incarnation = r.incarnation;
        let handle: TimerHandle | null = null;
        const inner = r.timers.start(Math.max(0, delayMs / rate), () => {
          if (r.incarnation !== incarnation || !r.behaviour) return;
          this.append(r, { type: "timer-fire", label });
          fn();
        });
        handle = {
          get pending() {
            return inner.pending;
          },
          atMs: inner.atMs,
          cancel: () => {
            if (inner.pending) this.append(r, { type: "timer-cancel", label });
            inner.cancel();
          },
        };
        return handle;
      },
      disk: r.disk,
      setState: (state) => {
        r.state = { ...state };
        this.append(r, { type: "state", detail: JSON.stringify(state) });
      },
      random: (purpose) => this.options.random(`process/${id}/${purpose}`),
      note: (text) => this.append(r, { type: "note", detail: text }),
    };
  }

  private send(r: ProcessRecord, from: string, to: string, label: string, payload: unknown): void {
    const target = this.record(to);
    const messageId = this.nextMessageId++;
    this.counters.sent++;
    const stamp = this.append(r, { type: "send", peer: to, messageId, label });
    const link = this.link(from, to);
    const spec = link.spec;
    // Draws in a fixed order whatever the outcome, so one link's randomness never shifts another's.
    const lost = (spec.loss ?? 0) > 0 && link.random.next() < spec.loss!;
    const copies = (spec.duplicate ?? 0) > 0 && link.random.next() < spec.duplicate! ? 2 : 1;
    if (copies === 2) this.counters.duplicated++;
    if (lost) {
      this.drop(from, to, messageId, label, "loss");
      return;
    }
    if (this.separated(from, to)) {
      this.drop(from, to, messageId, label, "partition");
      return;
    }
    const incarnation = target.incarnation;
    for (let c = 0; c < copies; c++) {
      let delay = link.latency();
      if ((spec.reorder ?? 0) > 0 && link.random.next() < spec.reorder!) delay += spec.reorderDelayMs ?? delay * 10;
      this.sim.schedule(Math.max(0, delay), () => {
        if (this.separated(from, to)) return this.drop(from, to, messageId, label, "partition");
        if (!target.behaviour || target.incarnation !== incarnation) return this.drop(from, to, messageId, label, "crashed-receiver");
        this.counters.delivered++;
        this.append(target, { type: "deliver", peer: from, messageId, label }, stamp);
        target.behaviour.onMessage(from, label, payload);
      });
    }
  }

  private drop(from: string, to: string, messageId: number, label: string, reason: DropReason): void {
    this.counters.dropped++;
    this.counters.droppedBy[reason]++;
    this.push({ seq: this.seq++, atMs: this.sim.now, type: "drop", process: from, peer: to, messageId, label, reason });
  }

  /** Logs an event at a process, advancing its clocks (merging a message's stamps on delivery). */
  private append(r: ProcessRecord, event: Omit<LogEvent, "seq" | "atMs" | "process">, received?: { lamport: number; vector: number[] }): { lamport: number; vector: number[] } {
    const stamp = received ? r.clock.receive(received.lamport, received.vector) : r.clock.tick();
    this.push({ seq: this.seq++, atMs: this.sim.now, process: this.order[r.index], ...event, lamport: stamp.lamport, vector: stamp.vector });
    return stamp;
  }

  private appendGlobal(type: "partition" | "heal", label?: string): void {
    this.push({ seq: this.seq++, atMs: this.sim.now, type, label });
  }

  private push(event: LogEvent): void {
    if (!this.logging) return;
    this.log.push(event);
    if (this.log.length > this.maxLog * 1.25) this.log.splice(0, this.log.length - this.maxLog);
  }
}
