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
import type { NodeKind, Request, SimNode } from "../../kernel/model";
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

export const replicatedRegisterKind: NodeKind<ReplicatedRegisterSpec> = {
  kind: "replicated-register",
  create(spec, ctx) {
    const { sim, ledger } = ctx;
    const n = spec.replicas ?? 3;
    const clientCount = spec.clients ?? 5;
    const quorum = spec.mode === "quorum";
    const multi = spec.mode === "multi-leader";
    const r = spec.readQuorum ?? majority(n);
    const w = spec.writeQuorum ?? majority(n);
    const replicaIds = Array.from({ length: n }, (_, i) => `r${i + 1}`);
    const latency: Dist = spec.latencyMs ?? { dist: "exponential", meanMs: 5 };
    const net = new ProcessNetwork({
      sim,
      random: (purpose) => ctx.random(purpose),
      defaultLink: { latencyMs: latency, loss: spec.loss ?? 0 },
      clocks: { ...(spec.clockDriftRate ? { c1: { driftRate: spec.clockDriftRate } } : {}), ...(spec.clockSkewMs ? { r1: { offsetMs: spec.clockSkewMs } } : {}) },
      logging: ctx.tracing,
    });
    const history = new HistoryRecorder(spec.maxHistory ?? 5000);
    const opsRandom = ctx.random("operations");
    const targetRandom = ctx.random("targets");
    const thinkRandom = ctx.random("think");
    const thinkMeanMs = 1000 / (spec.opsPerSec ?? 10);
    const pending = new Map<number, { request: Request; historyId: number; kind: "read" | "write" }>();
    let nextOp = 0;
    let nextValue = 1;
    let stopped = false;
    const counts = { ops: 0, reads: 0, writes: 0, failedOps: 0 };
    /** Multi-leader measurements: writes silently discarded, and those that were the later in true time. */
    const lost = new Set<number>();
    const lostNewer = new Set<number>();
    let conflicts = 0;
    let acknowledgedIncrements = 0;
    const home = (client: string) => replicaIds[(Number(client.slice(1)) - 1) % n];

    const pick = (from: string[], k: number) => {
      const pool = from.slice();
      const out: string[] = [];
      for (let i = 0; i < k && pool.length; i++) out.push(pool.splice(targetRandom.int(pool.length), 1)[0]);
      return out;
    };
    const hooks: ClientHooks = {
      next(client) {
        if (stopped) return null;
        const key = opsRandom.int(spec.keys ?? 10);
        const kind = opsRandom.next() < (spec.readRatio ?? 0.5) ? "read" : "write";
        const request = ctx.newRequest(key, Number(client.slice(1)) - 1);
        if (!request) {
          stopped = true;
          return null;
        }
        ledger.arrive(request);
        const op = nextOp++;
        const value = nextValue++;
        const historyId = history.invoke(client, kind, key, kind === "write" ? value : null, sim.now);
        pending.set(op, { request, historyId, kind });
        return { op, kind, key, value };
      },
      targets(kind, client) {
        if (multi) return { to: [home(client)], need: 1 };
        if (quorum) {
          const need = kind === "read" ? r : w;
          return spec.quorumTargets === "exact" ? { to: pick(replicaIds, need), need } : { to: replicaIds, need };
        }
        if (kind === "write" || n === 1) return { to: ["r1"], need: 1 };
        const from = spec.readFrom === "followers" ? replicaIds.slice(1) : spec.readFrom === "any" ? replicaIds : ["r1"];
        if (spec.stickySessions) return { to: [from[(Number(client.slice(1)) - 1) % from.length]], need: 1 };
        return { to: pick(from, 1), need: 1 };
      },
      thinkMs: () => -thinkMeanMs * Math.log(1 - thinkRandom.next()),
      timeoutMs: spec.timeoutMs ?? 1000,
      clientVersions: quorum,
      writeBack: quorum && spec.readRepair === "blocking",
      done(op, outcome) {
        const p = pending.get(op);
        if (!p) return;
        pending.delete(op);
        if (p.request.counted) {
          counts.ops++;
          counts[p.kind === "read" ? "reads" : "writes"]++;
          if (!outcome.ok) counts.failedOps++;
        }
        if (outcome.ok) {
          if (p.kind === "write") acknowledgedIncrements++;
          if (p.historyId >= 0) history.complete(p.historyId, sim.now, { value: outcome.value, version: outcome.version });
          ledger.settle(p.request, "ok", sim.now);
        } else {
          if (p.historyId >= 0) history.fail(p.historyId);
          ledger.settle(p.request, "error", sim.now, "timeout");
        }
      },
    };

    replicaIds.forEach((id, i) => {
      if (quorum) net.add(id, quorumReplica);
      else if (multi)
        net.add(id, (api) =>
          multiLeaderReplica(api, {
            index: i,
            replicas: replicaIds,
            resolution: spec.conflictResolution ?? "lww",
            lagMs: spec.replicationLagMs ?? { dist: "constant", ms: 0 },
            trueNow: () => sim.now,
            onLost(l: Sibling, winner: Sibling) {
              if (lost.has(l.value)) return;
              lost.add(l.value);
              if (l.trueMs > winner.trueMs) lostNewer.add(l.value);
              if (ctx.tracing) api.note(`write ${l.value} silently discarded: ${winner.value} wins by clock`);
            },
            onConflict() {
              conflicts++;
            },
          }),
        );
      else if (i === 0) {
        const followers = replicaIds.slice(1);
        const acksNeeded = spec.replication === "sync" ? followers.length : spec.replication === "semi-sync" ? Math.min(1, followers.length) : 0;
        net.add(id, (api) => leaderReplica(api, { followers, acksNeeded, lagMs: spec.replicationLagMs ?? { dist: "constant", ms: 0 } }));
      }
      else net.add(id, followerReplica);
    });
    for (let c = 0; c < clientCount; c++) net.add(`c${c + 1}`, (api) => clientProcess(api, c, hooks));

    for (const f of spec.replicaFaults ?? []) {
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
    const multiLeaderMetrics = () => {
      const states = replicaIds.map((id) => storedKeys(net.diskOf(id)));
      if (spec.conflictResolution === "g-counter") {
        let total = 0;
        const keys = new Set(states.flatMap((s) => [...s.keys()]));
        for (const k of keys) {
          const joined = new Array<number>(n).fill(0);
          for (const s of states) {
            const st = s.get(k);
            if (st && "counts" in st) st.counts.forEach((c, i) => (joined[i] = Math.max(joined[i], c)));
          }
          total += joined.reduce((a, b) => a + b, 0);
        }
        return { lostWrites: Math.max(0, acknowledgedIncrements - total), lostNewerWrites: 0, conflicts, keysWithSiblings: 0, counterTotal: total };
      }
      let keysWithSiblings = 0;
      for (const st of states[0].values()) if ("siblings" in st && st.siblings.length > 1) keysWithSiblings++;
      return { lostWrites: lost.size, lostNewerWrites: lostNewer.size, conflicts, keysWithSiblings, counterTotal: 0 };
    };

    let checked: { length: number; linear: LinearizabilityResult; sessions: SessionResult } | null = null;
    /** Runs the checkers on the history so far (cached while the history has not grown). */
    const check = () => {
      const h = history.history();
      const settled = h.filter((o) => o.returnMs !== Infinity || o.op === "write");
      if (!checked || checked.length !== settled.length) {
        checked = { length: settled.length, linear: checkLinearizability(settled, { maxStates: spec.checkerMaxStates ?? 100_000 }), sessions: checkSessions(settled) };
      }
      return checked;
    };

    const node: SimNode & { start(): void; protocol(): RegisterProtocolView } = {
      id: spec.id,
      kind: "replicated-register",
      start() {
        net.start();
      },
      receive(_request, reply) {
        reply("error", "not-accepting");
      },
      load: () => pending.size,
      crash() {
        for (const id of replicaIds) net.crash(id);
      },
      recover() {
        for (const id of replicaIds) net.restart(id);
      },
      metrics() {
        const { linear, sessions } = check();
        return {
          ...counts,
          staleReads: sessions.staleReads,
          staleCandidates: sessions.staleCandidates,
          linearizable: linear.verdict === "linearizable" ? "true" : linear.verdict === "not-linearizable" ? "false" : "undecided",
          ...(linear.explanation ? { linearizabilityViolation: linear.explanation } : {}),
          checkedOperations: history.operations.length,
          sessionViolations: { ...sessions.violations },
          messagesSent: net.counters.sent,
          messagesDelivered: net.counters.delivered,
          messagesDropped: net.counters.dropped,
          ...(multi ? multiLeaderMetrics() : {}),
        };
      },
      gauges: () => ({
        replicasUp: replicaIds.filter((id) => net.isUp(id)).length,
        replicas: n,
        partitioned: replicaIds.some((a) => replicaIds.some((b) => net.separated(a, b))),
        pendingOps: pending.size,
        mode: quorum ? `quorum N=${n} R=${r} W=${w}` : multi ? `multi-leader ${spec.conflictResolution ?? "lww"}` : `leader-follower ${spec.replication ?? "async"}`,
      }),
      protocol: () => ({ processes: net.processIds, log: net.log, snapshot: net.snapshot(), history: history.operations, check: () => check().linear }),
    };
    return node;
  },
};

/** What the space-time view reads from the register (see checker/protocol-view.ts). */
export type RegisterProtocolView = ProtocolView;
