/**
 * Replicated register: the first protocol kind, built on the kernel's process network.
 *
 * The node is a whole small system: `replicas` replica processes and `clients` client processes that
 * read and write `keys` registers over a simulated network (latency, loss, partitions, crashes). Modes:
 * leader-follower with sync, semi-sync or async replication (reads from the leader, the followers, or any
 * replica; optionally sticky, each client always reading the same replica), multi-leader with a conflict
 * resolution (last writer wins, version vectors, a G-counter CRDT; see multi-leader.ts) and leaderless
 * quorum (N = replicas, R, W). Every client operation is a request of the run (so the
 * usual report counts them) and an operation of a recorded history; at the end the history checker
 * decides linearizability and counts session-guarantee violations and stale reads, reported under
 * `nodes.<id>` next to the message counts. Replica faults (crash one replica, partition any split) are
 * the node's own `replicaFaults` timeline, since the scenario's faults name nodes, not processes; a
 * scenario `crash` fault on the node crashes every replica.
 */
import type { Dist } from "../../engine/distributions";
import { ProcessNetwork } from "../../kernel/network";
import type { ProtocolView } from "../../checker/protocol-view";
import { HistoryRecorder } from "../../checker/history";
import { checkLinearizability, type LinearizabilityResult } from "../../checker/linearizability";
import { checkSessions, type SessionResult } from "../../checker/sessions";
import { distSchema, kebabId } from "../../kernel/schema-common";
import { array, boolean, literal, number, object, oneOf, string, type Infer } from "../../kernel/schema-builder";
import { BACKGROUND_PRIORITY } from "../../engine/simulation";
import type { ModelContext, NodeGauges, NodeKind, NodeMetrics, Reply, Request, SimNode } from "../../kernel/model";
import type { RandomStream } from "../../engine/random";
import type { Simulation } from "../../engine/simulation";
import { defineKind, onlyWhen } from "../../kernel/kind";
import { clientProcess, followerReplica, leaderReplica, quorumReplica, type ClientHooks } from "./register-processes";
import { multiLeaderReplica, storedKeys, type Sibling } from "./multi-leader";

const replicaFault = object(
  {
    atMs: number({ min: 0, title: "Starts at", unit: "ms" }),
    durationMs: number({ above: 0, title: "Lasts", unit: "ms" }),
    kind: oneOf(["crash", "partition"] as const, { title: "Fault" }),
    replica: string({ title: "Replica to crash (r1, r2, ...)", pattern: /^r[0-9]+$/, patternName: "a replica name such as \"r2\"" }),
    groups: array(array(string({ title: "Process (r1.., c1..)", pattern: /^[rc][0-9]+$/, patternName: "a process name such as \"r1\" or \"c2\"" }), { maxItems: 64 }), { title: "Sides of the partition", maxItems: 16 }),
  },
  { optional: ["durationMs", "replica", "groups"], name: "a replica fault" },
);

export const replicatedRegisterSchema = object(
  {
    id: kebabId(),
    kind: literal("replicated-register"),
    mode: oneOf(["leader-follower", "multi-leader", "quorum"] as const, { title: "Replication" }),
    replicas: number({ integer: true, min: 1, max: 9, title: "Replicas (N)", default: 3, uiMin: 1, uiMax: 9 }),
    clients: number({ integer: true, min: 1, max: 50, title: "Clients", default: 5, uiMin: 1, uiMax: 20 }),
    keys: number({ integer: true, min: 1, max: 100_000, title: "Keys", default: 10, uiMin: 1, uiMax: 100 }),
    opsPerSec: number({ above: 0, max: 10_000, title: "Operations per second per client", unit: "/s", default: 10, uiMin: 1, uiMax: 200 }),
    readRatio: number({ min: 0, max: 1, title: "Share of reads", default: 0.5, uiStep: 0.05 }),
    replication: oneOf(["sync", "semi-sync", "async"] as const, { title: "Leader-follower replication", default: "async" }),
    replicationLagMs: distSchema,
    readFrom: oneOf(["leader", "followers", "any"] as const, { title: "Reads go to", default: "leader" }),
    stickySessions: boolean({ title: "Sticky sessions (each client always reads the same replica)", default: false }),
    conflictResolution: oneOf(["lww", "version-vectors", "g-counter"] as const, { title: "Multi-leader conflict resolution", default: "lww" }),
    clockSkewMs: number({ min: -60_000, max: 60_000, title: "Clock offset of replica r1 (multi-leader)", unit: "ms", default: 0, uiMin: -1000, uiMax: 1000, uiStep: 10 }),
    readQuorum: number({ integer: true, min: 1, max: 9, title: "Read quorum (R)", uiMin: 1, uiMax: 9 }),
    writeQuorum: number({ integer: true, min: 1, max: 9, title: "Write quorum (W)", uiMin: 1, uiMax: 9 }),
    quorumTargets: oneOf(["all", "exact"] as const, { title: "Quorum operations contact", default: "all" }),
    readRepair: oneOf(["none", "blocking"] as const, { title: "Quorum reads write back what they return", default: "none" }),
    latencyMs: distSchema,
    loss: number({ min: 0, max: 1, title: "Message loss", default: 0, uiStep: 0.01 }),
    clockDriftRate: number({ min: -0.5, max: 0.5, title: "Clock drift of client c1", default: 0, uiStep: 0.01 }),
    timeoutMs: number({ above: 0, max: 1e9, title: "Client timeout", unit: "ms", default: 1000, uiMin: 10, uiMax: 10_000 }),
    maxHistory: number({ integer: true, min: 0, max: 100_000, title: "Operations recorded for the checker", default: 5000 }),
    checkerMaxStates: number({ integer: true, min: 1, max: 10_000_000, title: "Checker bound (states per key)", default: 100_000 }),
    replicaFaults: array(replicaFault, { title: "Replica faults", maxItems: 64 }),
  },
  {
    optional: ["replicas", "clients", "keys", "opsPerSec", "readRatio", "replication", "replicationLagMs", "readFrom", "stickySessions", "conflictResolution", "clockSkewMs", "readQuorum", "writeQuorum", "quorumTargets", "readRepair", "latencyMs", "loss", "clockDriftRate", "timeoutMs", "maxHistory", "checkerMaxStates", "replicaFaults"],
    name: "a replicated-register node",
  },
);
export type ReplicatedRegisterSpec = Infer<typeof replicatedRegisterSchema>;

/** Cross-field checks: quorums within N, faults naming existing processes. */
export function checkReplicatedRegister(spec: ReplicatedRegisterSpec, context: { path: string; issues: { path: string; message: string }[] }): void {
  const n = spec.replicas ?? 3;
  const c = spec.clients ?? 5;
  for (const field of ["readQuorum", "writeQuorum"] as const) {
    const q = spec[field];
    if (q !== undefined && q > n) context.issues.push({ path: `${context.path}.${field}`, message: `${context.path}.${field} is ${q}, more than the ${n} replicas` });
  }
  (spec.replicaFaults ?? []).forEach((f, i) => {
    const at = `${context.path}.replicaFaults[${i}]`;
    const exists = (p: string) => (p[0] === "r" ? Number(p.slice(1)) >= 1 && Number(p.slice(1)) <= n : Number(p.slice(1)) >= 1 && Number(p.slice(1)) <= c);
    if (f.kind === "crash" && (!f.replica || !exists(f.replica))) context.issues.push({ path: `${at}.replica`, message: `${at}.replica must name a replica r1..r${n}` });
    if (f.kind === "partition") {
      if (!f.groups || f.groups.length < 2) context.issues.push({ path: `${at}.groups`, message: `${at}.groups must list at least two sides` });
      for (const p of (f.groups ?? []).flat()) if (!exists(p)) context.issues.push({ path: `${at}.groups`, message: `${at}.groups names no process "${p}" (replicas r1..r${n}, clients c1..c${c})` });
    }
  });
}

const majority = (n: number) => Math.floor(n / 2) + 1;

type RegisterMetrics = NodeMetrics;

/** The register as a node: the process network, the workload its clients run, and the recorded history. */
class ReplicatedRegister implements SimNode {
  readonly kind = "replicated-register";
  readonly id: string;
  private readonly sim: Simulation;
  private readonly n: number;
  private readonly quorum: boolean;
  private readonly multi: boolean;
  private readonly r: number;
  private readonly w: number;
  private readonly replicaIds: string[];
  private readonly net: ProcessNetwork;
  private readonly history: HistoryRecorder;
  private readonly opsRandom: RandomStream;
  private readonly targetRandom: RandomStream;
  private readonly thinkRandom: RandomStream;
  private readonly pending = new Map<number, { request: Request; historyId: number; kind: "read" | "write" }>();
  private nextOp = 0;
  private nextValue = 1;
  private stopped = false;
  private readonly counts = { ops: 0, reads: 0, writes: 0, failedOps: 0 };
  /** Multi-leader measurements: writes silently discarded, and those that were the later in true time. */
  private readonly lost = new Set<number>();
  private readonly lostNewer = new Set<number>();
  private conflicts = 0;
  private acknowledgedIncrements = 0;
  private checked: { length: number; linear: LinearizabilityResult; sessions: SessionResult } | null = null;

  constructor(
    private readonly spec: ReplicatedRegisterSpec,
    private readonly ctx: ModelContext,
  ) {
    this.id = spec.id;
    this.sim = ctx.sim;
    const n = (this.n = spec.replicas ?? 3);
    this.quorum = spec.mode === "quorum";
    this.multi = spec.mode === "multi-leader";
    this.r = spec.readQuorum ?? majority(n);
    this.w = spec.writeQuorum ?? majority(n);
    this.replicaIds = Array.from({ length: n }, (_, i) => `r${i + 1}`);
    const latency: Dist = spec.latencyMs ?? { dist: "exponential", meanMs: 5 };
    this.net = new ProcessNetwork({
      sim: ctx.sim,
      random: (purpose) => ctx.random(purpose),
      defaultLink: { latencyMs: latency, loss: spec.loss ?? 0 },
      clocks: { ...(spec.clockDriftRate ? { c1: { driftRate: spec.clockDriftRate } } : {}), ...(spec.clockSkewMs ? { r1: { offsetMs: spec.clockSkewMs } } : {}) },
      logging: ctx.tracing,
    });
    this.history = new HistoryRecorder(spec.maxHistory ?? 5000);
    this.opsRandom = ctx.random("operations");
    this.targetRandom = ctx.random("targets");
    this.thinkRandom = ctx.random("think");
    const hooks = this.clientHooks();
    this.replicaIds.forEach((id, i) => this.addReplica(id, i));
    for (let c = 0; c < (spec.clients ?? 5); c++) this.net.add(`c${c + 1}`, (api) => clientProcess(api, c, hooks));
    for (const f of spec.replicaFaults ?? []) this.scheduleReplicaFault(f);
  }

  /** The replica a client of a multi-leader register writes to. */
  private home(client: string): string {
    return this.replicaIds[(Number(client.slice(1)) - 1) % this.n];
  }

  /** `k` distinct replicas drawn at random from `from`. */
  private pick(from: string[], k: number): string[] {
    const pool = from.slice();
    const out: string[] = [];
    for (let i = 0; i < k && pool.length; i++) out.push(pool.splice(this.targetRandom.int(pool.length), 1)[0]);
    return out;
  }

  /** The next operation of a client: a request of the run and an invocation in the history. */
  private nextOperation(client: string): ReturnType<ClientHooks["next"]> {
    if (this.stopped) return null;
    const { spec, ctx } = this;
    const key = this.opsRandom.int(spec.keys ?? 10);
    const kind = this.opsRandom.next() < (spec.readRatio ?? 0.5) ? "read" : "write";
    const request = ctx.newRequest(key, Number(client.slice(1)) - 1);
    if (!request) {
      this.stopped = true;
      return null;
    }
    ctx.ledger.arrive(request);
    const op = this.nextOp++;
    const value = this.nextValue++;
    const historyId = this.history.invoke(client, kind, key, kind === "write" ? value : null, this.sim.now);
    this.pending.set(op, { request, historyId, kind });
    return { op, kind, key, value };
  }

  /** Where an operation goes, by mode: the home leader, a quorum, the leader, or a follower. */
  private targets(kind: "read" | "write", client: string): { to: string[]; need: number } {
    const { spec, replicaIds } = this;
    if (this.multi) return { to: [this.home(client)], need: 1 };
    if (this.quorum) {
      const need = kind === "read" ? this.r : this.w;
      return spec.quorumTargets === "exact" ? { to: this.pick(replicaIds, need), need } : { to: replicaIds, need };
    }
    if (kind === "write" || this.n === 1) return { to: ["r1"], need: 1 };
    const from = spec.readFrom === "followers" ? replicaIds.slice(1) : spec.readFrom === "any" ? replicaIds : ["r1"];
    if (spec.stickySessions) return { to: [from[(Number(client.slice(1)) - 1) % from.length]], need: 1 };
    return { to: this.pick(from, 1), need: 1 };
  }

  /** An operation answered or timed out: counted, completed in the history, settled in the ledger. */
  private operationDone(op: number, outcome: Parameters<ClientHooks["done"]>[1]): void {
    const p = this.pending.get(op);
    if (!p) return;
    this.pending.delete(op);
    if (p.request.counted) {
      this.counts.ops++;
      this.counts[p.kind === "read" ? "reads" : "writes"]++;
      if (!outcome.ok) this.counts.failedOps++;
    }
    if (outcome.ok) {
      if (p.kind === "write") this.acknowledgedIncrements++;
      if (p.historyId >= 0) this.history.complete(p.historyId, this.sim.now, { value: outcome.value, version: outcome.version });
      this.ctx.ledger.settle(p.request, "ok", this.sim.now);
    } else {
      if (p.historyId >= 0) this.history.fail(p.historyId);
      this.ctx.ledger.settle(p.request, "error", this.sim.now, "timeout");
    }
  }

  private clientHooks(): ClientHooks {
    const thinkMeanMs = 1000 / (this.spec.opsPerSec ?? 10);
    return {
      next: (client) => this.nextOperation(client),
      targets: (kind, client) => this.targets(kind, client),
      thinkMs: () => -thinkMeanMs * Math.log(1 - this.thinkRandom.next()),
      timeoutMs: this.spec.timeoutMs ?? 1000,
      clientVersions: this.quorum,
      writeBack: this.quorum && this.spec.readRepair === "blocking",
      done: (op, outcome) => this.operationDone(op, outcome),
    };
  }

  /** Replica `i` with the behaviour its mode gives it. */
  private addReplica(id: string, i: number): void {
    const { spec, net, replicaIds } = this;
    const lagMs = spec.replicationLagMs ?? { dist: "constant" as const, ms: 0 };
    if (this.quorum) net.add(id, quorumReplica);
    else if (this.multi) net.add(id, (api) => multiLeaderReplica(api, { index: i, replicas: replicaIds, resolution: spec.conflictResolution ?? "lww", lagMs, trueNow: () => this.sim.now, onLost: (l, winner) => this.writeLost((text) => api.note(text), l, winner), onConflict: () => void this.conflicts++ }));
    else if (i === 0) {
      const followers = replicaIds.slice(1);
      const acksNeeded = spec.replication === "sync" ? followers.length : spec.replication === "semi-sync" ? Math.min(1, followers.length) : 0;
      net.add(id, (api) => leaderReplica(api, { followers, acksNeeded, lagMs }));
    } else net.add(id, followerReplica);
  }

  /** A multi-leader write discarded by conflict resolution. */
  private writeLost(note: (text: string) => void, l: Sibling, winner: Sibling): void {
    if (this.lost.has(l.value)) return;
    this.lost.add(l.value);
    if (l.trueMs > winner.trueMs) this.lostNewer.add(l.value);
    if (this.ctx.tracing) note(`write ${l.value} silently discarded: ${winner.value} wins by clock`);
  }

  /** A crash or partition from the node's own `replicaFaults` timeline, healed after its duration. */
  private scheduleReplicaFault(f: NonNullable<ReplicatedRegisterSpec["replicaFaults"]>[number]): void {
    const { sim, net, ctx } = this;
    sim.scheduleAt(f.atMs, () => {
      if (f.kind === "crash") net.crash(f.replica!);
      else net.partition(f.groups!);
      if (ctx.tracing) ctx.emit(f.kind === "crash" ? "register.replica-crashed" : "register.partitioned", f.kind === "crash" ? f.replica : f.groups!.map((g) => g.join(",")).join(" | "));
      if (f.durationMs !== undefined) {
        sim.schedule(f.durationMs, () => (f.kind === "crash" ? net.restart(f.replica!) : net.heal()), BACKGROUND_PRIORITY - 1);
      }
    }, BACKGROUND_PRIORITY - 1);
  }

  /** Lost writes, conflicts and siblings at the end (the join of every replica's state for the counter). */
  private multiLeaderMetrics(): RegisterMetrics {
    const states = this.replicaIds.map((id) => storedKeys(this.net.diskOf(id)));
    if (this.spec.conflictResolution === "g-counter") {
      let total = 0;
      const keys = new Set(states.flatMap((s) => [...s.keys()]));
      for (const k of keys) {
        const joined = new Array<number>(this.n).fill(0);
        for (const s of states) {
          const st = s.get(k);
          if (st && "counts" in st) st.counts.forEach((c, i) => (joined[i] = Math.max(joined[i], c)));
        }
        total += joined.reduce((a, b) => a + b, 0);
      }
      return { lostWrites: Math.max(0, this.acknowledgedIncrements - total), lostNewerWrites: 0, conflicts: this.conflicts, keysWithSiblings: 0, counterTotal: total };
    }
    let keysWithSiblings = 0;
    for (const st of states[0].values()) if ("siblings" in st && st.siblings.length > 1) keysWithSiblings++;
    return { lostWrites: this.lost.size, lostNewerWrites: this.lostNewer.size, conflicts: this.conflicts, keysWithSiblings, counterTotal: 0 };
  }

  /** Runs the checkers on the history so far (cached while the history has not grown). */
  private check(): { linear: LinearizabilityResult; sessions: SessionResult } {
    const settled = this.history.history().filter((o) => o.returnMs !== Infinity || o.op === "write");
    if (!this.checked || this.checked.length !== settled.length) {
      this.checked = { length: settled.length, linear: checkLinearizability(settled, { maxStates: this.spec.checkerMaxStates ?? 100_000 }), sessions: checkSessions(settled) };
    }
    return this.checked;
  }

  start(): void {
    this.net.start();
  }

  receive(_request: Request, reply: Reply): void {
    reply("error", "not-accepting");
  }

  load(): number {
    return this.pending.size;
  }

  crash(): void {
    for (const id of this.replicaIds) this.net.crash(id);
  }

  recover(): void {
    for (const id of this.replicaIds) this.net.restart(id);
  }

  metrics(): NodeMetrics {
    const { linear, sessions } = this.check();
    const net = this.net;
    return {
      ...this.counts,
      staleReads: sessions.staleReads,
      staleCandidates: sessions.staleCandidates,
      linearizable: linear.verdict === "linearizable" ? "true" : linear.verdict === "not-linearizable" ? "false" : "undecided",
      ...(linear.explanation ? { linearizabilityViolation: linear.explanation } : {}),
      checkedOperations: this.history.operations.length,
      sessionViolations: { ...sessions.violations },
      messagesSent: net.counters.sent,
      messagesDelivered: net.counters.delivered,
      messagesDropped: net.counters.dropped,
      ...(this.multi ? this.multiLeaderMetrics() : {}),
    };
  }

  gauges(): NodeGauges {
    const { net, replicaIds, n, spec } = this;
    return {
      replicasUp: replicaIds.filter((id) => net.isUp(id)).length,
      replicas: n,
      partitioned: replicaIds.some((a) => replicaIds.some((b) => net.separated(a, b))),
      pendingOps: this.pending.size,
      mode: this.quorum ? `quorum N=${n} R=${this.r} W=${this.w}` : this.multi ? `multi-leader ${spec.conflictResolution ?? "lww"}` : `leader-follower ${spec.replication ?? "async"}`,
    };
  }

  /** What the space-time view draws: processes, the message log, their state, the history and its check. */
  protocol(): RegisterProtocolView {
    return { processes: this.net.processIds, log: this.net.log, snapshot: this.net.snapshot(), history: this.history.operations, check: () => this.check().linear };
  }
}

export const replicatedRegisterKind: NodeKind<ReplicatedRegisterSpec> = {
  kind: "replicated-register",
  create: (spec, ctx) => new ReplicatedRegister(spec, ctx),
};

/** What the space-time view reads from the register (see checker/protocol-view.ts). */
export type RegisterProtocolView = ProtocolView;

const multiLeader = "with multi-leader replication";

export const replicatedRegisterDefinition = defineKind({
  kind: "replicated-register",
  title: "Replicated register",
  summary: "A protocol: replicas and clients exchanging messages (leader-follower or quorum), with the history checked for linearizability and session guarantees.",
  schema: replicatedRegisterSchema,
  model: replicatedRegisterKind,
  outgoing: { min: 0, max: 0 },
  acceptsIncoming: false,
  isSource: true,
  check: checkReplicatedRegister,
  template: { mode: "leader-follower", replication: "async", replicas: 3, clients: 3, keys: 5, readFrom: "followers" },
  metrics: {
    ops: { title: "Client operations", of: "operations" },
    reads: { title: "Reads", of: "operations" },
    writes: { title: "Writes", of: "operations" },
    failedOps: { title: "Operations timed out", of: "operations" },
    staleReads: { title: "Stale reads", of: "reads" },
    staleCandidates: { title: "Reads that could be stale", of: "reads" },
    linearizable: { title: "History linearizable" },
    linearizabilityViolation: { title: "Why the history is not linearizable", when: "when the history is not linearizable" },
    checkedOperations: { title: "Operations checked", of: "operations" },
    sessionViolations: { title: "Session-guarantee violations", keyed: true },
    messagesSent: { title: "Messages sent", of: "messages" },
    messagesDelivered: { title: "Messages delivered", of: "messages" },
    messagesDropped: { title: "Messages dropped", of: "messages" },
    ...onlyWhen(multiLeader, {
      lostWrites: { title: "Writes lost", of: "writes" },
      lostNewerWrites: { title: "Lost writes that were the later one", of: "writes" },
      conflicts: { title: "Concurrent writes met while merging" },
      keysWithSiblings: { title: "Keys holding siblings at r1", of: "keys" },
      counterTotal: { title: "Counter total after merging" },
    }),
  },
  gauges: {
    replicasUp: { title: "Replicas up", role: "busy" },
    replicas: { title: "Replicas", role: "capacity" },
    partitioned: { title: "Partitioned", role: "flag" },
    pendingOps: { title: "Operations in flight", role: "queue" },
    mode: { title: "Replication mode", role: "state" },
  },
  records: {
    "register.replica-crashed": { meaning: "a replica crashed (from the node's replica-fault timeline)" },
    "register.partitioned": { meaning: "the network split the replicas and clients into sides" },
  },
});
