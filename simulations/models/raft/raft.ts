/**
 * Raft consensus as a protocol kind: `servers` Raft servers (r1..rN, see raft-server.ts) and `clients`
 * client processes (c1..) on the kernel's process network, with per-link latency and loss, partitions
 * and crash-recovery (the log, term and vote survive a crash; everything else is lost).
 *
 * Every client operation is a request of the run (so the usual report counts it) and an operation of a
 * recorded history that the linearizability checker judges at the end. An omniscient observer
 * (raft-observer.ts) checks the safety properties after every step of every server and counts
 * elections, split votes and failovers. Faults inside the cluster are the node's own `replicaFaults`
 * timeline (the space-time view's buttons write it too): crash a server by name or whichever server
 * leads at that moment (`"leader"`), or split the processes into groups (`"leader"` may be named there).
 */
import type { Dist } from "../../engine/distributions";
import { BACKGROUND_PRIORITY } from "../../engine/simulation";
import { HistoryRecorder } from "../../checker/history";
import { checkLinearizability, type LinearizabilityResult } from "../../checker/linearizability";
import type { ProtocolView } from "../../checker/protocol-view";
import { defineKind } from "../../kernel/kind";
import type { NodeKind, NodeMetrics, Request, SimNode } from "../../kernel/model";
import { ProcessNetwork } from "../../kernel/network";
import { array, literal, number, object, oneOf, string, type Infer } from "../../kernel/schema-builder";
import { distSchema, kebabId } from "../../kernel/schema-common";
import { raftClient, type RaftClientHooks } from "./raft-client";
import { RaftObserver } from "./raft-observer";
import { raftServer } from "./raft-server";

const PROCESS = /^(r[0-9]+|c[0-9]+|leader)$/;

const raftFault = object(
  {
    atMs: number({ min: 0, title: "Starts at", unit: "ms" }),
    durationMs: number({ above: 0, title: "Lasts", unit: "ms" }),
    kind: oneOf(["crash", "partition"] as const, { title: "Fault" }),
    replica: string({ title: "Server to crash (r1, r2, ... or leader)", pattern: /^(r[0-9]+|leader)$/, patternName: "a server name such as \"r2\", or \"leader\"" }),
    groups: array(array(string({ title: "Process (r1.., c1.., leader)", pattern: PROCESS, patternName: "a process name such as \"r1\", \"c2\" or \"leader\"" }), { maxItems: 64 }), { title: "Sides of the partition", maxItems: 16 }),
  },
  { optional: ["durationMs", "replica", "groups"], name: "a Raft server fault" },
);

export const raftSchema = object(
  {
    id: kebabId(),
    kind: literal("raft"),
    servers: number({ integer: true, min: 1, max: 9, title: "Servers", default: 5, uiMin: 1, uiMax: 9 }),
    clients: number({ integer: true, min: 0, max: 20, title: "Clients", default: 2, uiMin: 0, uiMax: 10 }),
    keys: number({ integer: true, min: 1, max: 1000, title: "Keys", default: 3, uiMin: 1, uiMax: 20 }),
    opsPerSec: number({ above: 0, max: 1000, title: "Operations per second per client", unit: "/s", default: 5, uiMin: 1, uiMax: 100 }),
    readRatio: number({ min: 0, max: 1, title: "Share of reads", default: 0, uiStep: 0.05 }),
    reads: oneOf(["log", "leader-local", "any-server"] as const, { title: "Reads go", default: "log" }),
    electionTimeoutMinMs: number({ above: 0, max: 60_000, title: "Election timeout, shortest", unit: "ms", default: 150, uiMin: 10, uiMax: 1000 }),
    electionTimeoutMaxMs: number({ above: 0, max: 60_000, title: "Election timeout, longest", unit: "ms", default: 300, uiMin: 10, uiMax: 1000 }),
    heartbeatMs: number({ above: 0, max: 60_000, title: "Heartbeat interval", unit: "ms", default: 50, uiMin: 5, uiMax: 500 }),
    latencyMs: distSchema,
    loss: number({ min: 0, max: 1, title: "Message loss", default: 0, uiStep: 0.01 }),
    commitRule: oneOf(["current-term", "any-term"] as const, { title: "A leader commits by counting replicas of", default: "current-term" }),
    voteRestriction: oneOf(["up-to-date", "none"] as const, { title: "Votes go only to candidates whose log is up to date", default: "up-to-date" }),
    timeoutMs: number({ above: 0, max: 1e9, title: "Client timeout", unit: "ms", default: 1000, uiMin: 10, uiMax: 10_000 }),
    maxHistory: number({ integer: true, min: 0, max: 100_000, title: "Operations recorded for the checker", default: 2000 }),
    checkerMaxStates: number({ integer: true, min: 1, max: 10_000_000, title: "Checker bound (states per key)", default: 100_000 }),
    replicaFaults: array(raftFault, { title: "Server faults", maxItems: 256 }),
  },
  {
    optional: ["servers", "clients", "keys", "opsPerSec", "readRatio", "reads", "electionTimeoutMinMs", "electionTimeoutMaxMs", "heartbeatMs", "latencyMs", "loss", "commitRule", "voteRestriction", "timeoutMs", "maxHistory", "checkerMaxStates", "replicaFaults"],
    name: "a raft node",
  },
);
export type RaftSpec = Infer<typeof raftSchema>;

/** Cross-field checks: timeouts in order, faults naming existing processes. */
export function checkRaft(spec: RaftSpec, context: { path: string; issues: { path: string; message: string }[] }): void {
  const n = spec.servers ?? 5;
  const c = spec.clients ?? 2;
  const min = spec.electionTimeoutMinMs ?? 150;
  const max = spec.electionTimeoutMaxMs ?? 300;
  if (max < min) context.issues.push({ path: `${context.path}.electionTimeoutMaxMs`, message: `${context.path}.electionTimeoutMaxMs is ${max} ms, shorter than electionTimeoutMinMs (${min} ms)` });
  (spec.replicaFaults ?? []).forEach((f, i) => {
    const at = `${context.path}.replicaFaults[${i}]`;
    const exists = (p: string) => p === "leader" || (p[0] === "r" ? Number(p.slice(1)) >= 1 && Number(p.slice(1)) <= n : Number(p.slice(1)) >= 1 && Number(p.slice(1)) <= c);
    if (f.kind === "crash" && (!f.replica || !exists(f.replica))) context.issues.push({ path: `${at}.replica`, message: `${at}.replica must name a server r1..r${n} or "leader"` });
    if (f.kind === "partition") {
      if (!f.groups || f.groups.length < 2) context.issues.push({ path: `${at}.groups`, message: `${at}.groups must list at least two sides` });
      for (const p of (f.groups ?? []).flat()) if (!exists(p)) context.issues.push({ path: `${at}.groups`, message: `${at}.groups names no process "${p}" (servers r1..r${n}, clients c1..c${c}, or "leader")` });
    }
  });
}

const percentile = (values: number[], q: number) => {
  if (!values.length) return 0;
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
};
const round1 = (x: number) => Math.round(x * 10) / 10;

/** What the observer and the network saw, and the checker's verdict, as report metrics. */
function clusterMetrics(observer: RaftObserver, net: ProcessNetwork, serverIds: string[], linear: LinearizabilityResult): NodeMetrics {
  const e = observer.elections();
  const v = observer.counts;
  const failovers = observer.failoverMs;
  return {
    elections: e.held,
    electionsWon: e.won,
    splitVotes: e.split,
    term: Math.max(0, ...serverIds.map((id) => net.diskOf(id).get("term") as number)),
    failovers: failovers.length,
    failoverMeanMs: failovers.length ? round1(failovers.reduce((a, b) => a + b, 0) / failovers.length) : 0,
    failoverP50Ms: round1(percentile(failovers, 0.5)),
    failoverP99Ms: round1(percentile(failovers, 0.99)),
    failoverMaxMs: round1(percentile(failovers, 1)),
    leaderlessMs: round1(observer.leaderlessTotal()),
    committedEntries: observer.committedCount,
    safetyViolations: v.electionSafety + v.logMatching + v.committedLost,
    electionSafetyViolations: v.electionSafety,
    logMatchingViolations: v.logMatching,
    committedEntriesLost: v.committedLost,
    firstViolation: observer.violations.length ? observer.violations[0].text : "",
    invariantChecks: v.checks,
    linearizable: linear.verdict === "linearizable" ? "true" : linear.verdict === "not-linearizable" ? "false" : "undecided",
    linearizabilityViolation: linear.explanation ?? "",
    messagesSent: net.counters.sent,
    messagesDelivered: net.counters.delivered,
    messagesDropped: net.counters.dropped,
  };
}

export const raftKind: NodeKind<RaftSpec> = {
  kind: "raft",
  create(spec, ctx) {
    const { sim, ledger } = ctx;
    const n = spec.servers ?? 5;
    const clientCount = spec.clients ?? 2;
    const serverIds = Array.from({ length: n }, (_, i) => `r${i + 1}`);
    const latency: Dist = spec.latencyMs ?? { dist: "uniform", minMs: 2, maxMs: 8 };
    const net = new ProcessNetwork({ sim, random: (purpose) => ctx.random(purpose), defaultLink: { latencyMs: latency, loss: spec.loss ?? 0 }, logging: ctx.tracing });
    const observer = new RaftObserver(() => sim.now);
    const history = new HistoryRecorder(spec.maxHistory ?? 2000);
    const opsRandom = ctx.random("operations");
    const thinkRandom = ctx.random("think");
    const thinkMeanMs = 1000 / (spec.opsPerSec ?? 5);
    const pending = new Map<number, { request: Request; historyId: number; kind: "read" | "write" }>();
    const counts = { ops: 0, writes: 0, reads: 0, completedOps: 0, failedOps: 0 };
    let nextOp = 0;
    let nextValue = 1;
    let stopped = false;

    serverIds.forEach((id) =>
      net.add(id, (api) =>
        raftServer(api, {
          peers: serverIds.filter((p) => p !== id),
          electionMinMs: spec.electionTimeoutMinMs ?? 150,
          electionMaxMs: Math.max(spec.electionTimeoutMinMs ?? 150, spec.electionTimeoutMaxMs ?? 300),
          heartbeatMs: spec.heartbeatMs ?? 50,
          commitRule: spec.commitRule ?? "current-term",
          voteRestriction: spec.voteRestriction ?? "up-to-date",
          batch: 64,
          observer,
        }),
      ),
    );
    const hooks: RaftClientHooks = {
      next(client) {
        if (stopped) return null;
        const key = opsRandom.int(spec.keys ?? 3);
        const kind = opsRandom.next() < (spec.readRatio ?? 0) ? "read" : "write";
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
      thinkMs: () => -thinkMeanMs * Math.log(1 - thinkRandom.next()),
      timeoutMs: spec.timeoutMs ?? 1000,
      read: spec.reads ?? "log",
      servers: serverIds,
      done(op, outcome) {
        const p = pending.get(op);
        if (!p) return;
        pending.delete(op);
        if (p.request.counted) {
          counts.ops++;
          counts[p.kind === "read" ? "reads" : "writes"]++;
          counts[outcome.ok ? "completedOps" : "failedOps"]++;
        }
        if (outcome.ok) {
          if (p.historyId >= 0) history.complete(p.historyId, sim.now, { value: outcome.value });
          ledger.settle(p.request, "ok", sim.now);
        } else {
          if (p.historyId >= 0) history.fail(p.historyId);
          ledger.settle(p.request, "error", sim.now, "timeout");
        }
      },
    };
    for (let c = 0; c < clientCount; c++) net.add(`c${c + 1}`, (api) => raftClient(api, hooks));

    const crash = (id: string) => {
      if (!net.isUp(id)) return;
      observer.serverCrashed(id);
      net.crash(id);
    };
    /** "leader" names the newest leader still up at the fault's start (nobody when there is none). */
    const resolve = (p: string): string | null => (p === "leader" ? (observer.currentLeader && net.isUp(observer.currentLeader.id) ? observer.currentLeader.id : null) : p);
    let partitionSeq = 0;
    let activePartition = 0;
    for (const f of spec.replicaFaults ?? []) {
      sim.scheduleAt(
        f.atMs,
        () => {
          if (f.kind === "crash") {
            const target = resolve(f.replica!);
            if (!target) return;
            crash(target);
            if (ctx.tracing) ctx.emit("raft.server-crashed", target);
            if (f.durationMs !== undefined) sim.schedule(f.durationMs, () => net.restart(target), BACKGROUND_PRIORITY - 1);
          } else {
            // A process named twice (say "leader" and its own name) stays on the first side naming it.
            const groups = f.groups!.map((g) => g.map(resolve).filter((p): p is string => p !== null));
            const resolved = groups.map((g, i) => g.filter((p) => groups.findIndex((h) => h.includes(p)) === i));
            net.partition(resolved);
            const token = ++partitionSeq;
            activePartition = token;
            if (ctx.tracing) ctx.emit("raft.partitioned", resolved.map((g) => g.join(",")).join(" | "));
            // A later partition replaces this one; this one's end then leaves it alone.
            if (f.durationMs !== undefined) sim.schedule(f.durationMs, () => activePartition === token && net.heal(), BACKGROUND_PRIORITY - 1);
          }
        },
        BACKGROUND_PRIORITY - 1,
      );
    }

    let checked: { length: number; result: LinearizabilityResult } | null = null;
    const check = () => {
      const settled = history.history().filter((o) => o.returnMs !== Infinity || o.op === "write");
      if (!checked || checked.length !== settled.length) checked = { length: settled.length, result: checkLinearizability(settled, { maxStates: spec.checkerMaxStates ?? 100_000 }) };
      return checked.result;
    };

    const node: SimNode & { start(): void; protocol(): ProtocolView } = {
      id: spec.id,
      kind: "raft",
      start() {
        net.start();
      },
      receive(_request, reply) {
        reply("error", "not-accepting");
      },
      load: () => pending.size,
      crash() {
        for (const id of serverIds) crash(id);
      },
      recover() {
        for (const id of serverIds) net.restart(id);
      },
      metrics: () => ({ ...counts, ...clusterMetrics(observer, net, serverIds, check()) }),
      gauges: () => ({
        leader: observer.currentLeader && net.isUp(observer.currentLeader.id) ? observer.currentLeader.id : "none",
        term: observer.currentLeader?.term ?? 0,
        serversUp: serverIds.filter((id) => net.isUp(id)).length,
        servers: n,
        committed: observer.committedCount,
        partitioned: serverIds.some((a) => serverIds.some((b) => net.separated(a, b))),
      }),
      protocol: () => ({ processes: net.processIds, log: net.log, snapshot: net.snapshot(), history: history.operations, check }),
    };
    return node;
  },
};

export const raftDefinition = defineKind({
  kind: "raft",
  title: "Raft cluster",
  summary: "A protocol: Raft servers electing a leader and replicating a log, with clients writing through the leader; safety properties checked at every step.",
  schema: raftSchema,
  model: raftKind,
  outgoing: { min: 0, max: 0 },
  acceptsIncoming: false,
  isSource: true,
  check: checkRaft,
  metrics: {
    ops: { title: "Client operations", of: "operations" },
    writes: { title: "Writes", of: "operations" },
    reads: { title: "Reads", of: "operations" },
    completedOps: { title: "Operations answered", of: "operations" },
    failedOps: { title: "Operations timed out", of: "operations" },
    elections: { title: "Elections held", of: "elections" },
    electionsWon: { title: "Elections won", of: "elections" },
    splitVotes: { title: "Split votes", of: "elections" },
    term: { title: "Highest term" },
    failovers: { title: "Failovers" },
    failoverMeanMs: { title: "Mean time to a new leader after a crash", unit: "ms" },
    failoverP50Ms: { title: "Median time to a new leader after a crash", unit: "ms" },
    failoverP99Ms: { title: "p99 time to a new leader after a crash", unit: "ms" },
    failoverMaxMs: { title: "Longest time to a new leader after a crash", unit: "ms" },
    leaderlessMs: { title: "Time without a leader", unit: "ms" },
    committedEntries: { title: "Log entries committed", of: "entries" },
    safetyViolations: { title: "Safety violations" },
    electionSafetyViolations: { title: "Two leaders in one term" },
    logMatchingViolations: { title: "Log matching violations" },
    committedEntriesLost: { title: "Committed entries lost", of: "entries" },
    firstViolation: { title: "First safety violation" },
    invariantChecks: { title: "Steps checked", of: "steps" },
    linearizable: { title: "History linearizable" },
    linearizabilityViolation: { title: "Why the history is not linearizable" },
    messagesSent: { title: "Messages sent", of: "messages" },
    messagesDelivered: { title: "Messages delivered", of: "messages" },
    messagesDropped: { title: "Messages dropped", of: "messages" },
  },
  gauges: {
    leader: { title: "Leader", role: "state" },
    term: { title: "Term", role: "other" },
    serversUp: { title: "Servers up", role: "busy" },
    servers: { title: "Servers", role: "capacity" },
    committed: { title: "Entries committed", role: "other" },
    partitioned: { title: "Partitioned", role: "flag" },
  },
  records: {
    "raft.server-crashed": { meaning: "a Raft server crashed" },
    "raft.partitioned": { meaning: "the network split the Raft cluster" },
  },
});
