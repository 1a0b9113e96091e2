/**
 * The one-line fidelity note under every lab: what the lab models and what it leaves out, derived
 * from the node kinds in its scenario (so the 108 preset files need no new field), with the /fidelity
 * family its numbers are checked in. React-free and light: safe to import from any component.
 */
import type { Scenario } from "@/simulations";
import type { FidelityFamily } from "./families";

export interface KindNote {
  /** What the kind models, in plain words (a short phrase). */
  models: string;
  /** What it leaves out (a short phrase). */
  leavesOut: string;
  /** The /fidelity family whose rows check it. */
  family: FidelityFamily;
}

/** One entry per node kind of the registry (a test keeps them in step). */
export const KIND_NOTES: Record<string, KindNote> = {
  source: { models: "Poisson or evenly spaced arrivals", leavesOut: "daily cycles unless a profile adds them", family: "littles-law" },
  server: { models: "workers and a FIFO queue", leavesOut: "CPU contention, garbage collection and network time", family: "mmc" },
  "load-balancer": { models: "each strategy's choice of server", leavesOut: "the balancer's own latency and connection limits", family: "load-balancing" },
  cache: { models: "eviction and expiry per key", leavesOut: "memory sizes and serialisation", family: "cache-eviction" },
  "replicated-database": { models: "asynchronous replication lag and failover", leavesOut: "storage engines, locks and consensus", family: "littles-law" },
  client: { models: "timeouts, retries, backoff and pools", leavesOut: "TCP connection setup and DNS", family: "retries" },
  "circuit-breaker": { models: "Resilience4j's state machine on simulated time", leavesOut: "per-endpoint breakers inside one client", family: "circuit-breaker" },
  broker: { models: "leases, redelivery and dead-lettering", leavesOut: "disk, replication and partition rebalancing of a real broker", family: "pools" },
  consumer: { models: "prefetch, acks and crashes", leavesOut: "the handler's own code paths", family: "pools" },
  saga: { models: "steps, compensations and their bookkeeping", leavesOut: "the business data itself", family: "saga" },
  outbox: { models: "commit, relay and lost dual writes", leavesOut: "the database's transaction log", family: "saga" },
  "change-capture": { models: "a service's database and log, the way its events leave (dual write, a polling outbox relay or a CDC connector on a replication slot), a keyed, partitioned topic and a consumer keeping a copy", leavesOut: "broker and consumer failures, several relay instances locking rows, and the log's checkpoints and segment sizes", family: "outbox" },
  "rate-limiter": { models: "the bucket and window algorithms exactly", leavesOut: "clock skew between limiter instances", family: "rate-limiting" },
  "rate-limit-store": { models: "a shared, split or periodically synced counter", leavesOut: "the store's own failures", family: "rate-limiting" },
  bulkhead: { models: "permits, thread pools and their queues", leavesOut: "thread scheduling costs", family: "mmc" },
  "load-shedder": { models: "priority and queue-time (CoDel) shedding", leavesOut: "the cost of rejecting a request", family: "mmc" },
  "replicated-register": { models: "replicas as processes exchanging messages (leader-follower sync, semi-sync or async, optionally sticky reads; multi-leader with last-writer-wins, version vectors or a G-counter; leaderless N/R/W), with latency, loss, partitions, crashes and clock skew, and every client operation checked for linearizability and session guarantees", leavesOut: "disk and CPU time, membership changes, failover, hinted handoff and anti-entropy between replicas, and sibling merging by clients", family: "replication" },
  "scatter-gather": { models: "fan-out to n sub-requests and waiting for the slowest", leavesOut: "partial answers, the cost of merging and per-backend differences", family: "fan-out" },
  raft: { models: "Raft servers as processes (terms, votes, log replication, commit index) with latency, loss, partitions and crash-recovery, safety checked after every step", leavesOut: "snapshots, membership changes, pre-vote, client deduplication and disk write time", family: "consensus" },
  "lease-lock": { models: "a lock service granting leases with fencing tokens, clients that can freeze (GC pauses) and the storage they write to", leavesOut: "the lock service's own replication and clock drift between it and the clients", family: "consensus" },
  "partitioned-log": { models: "keyed partitions replicated with an in-sync set, acks and min.insync.replicas, clean and unclean election, one consumer group with offsets and eager or cooperative rebalancing", leavesOut: "network and disk time, slow followers leaving the ISR, idempotence, transactions, compaction and retries", family: "partitioned-log" },
  "autoscaled-pool": { models: "a lagging controller, cold starts and instance counts", leavesOut: "node provisioning and bin packing", family: "mmc" },
};

/** Families checked most directly by a scenario's kinds, most specific first. */
const familyOrder: FidelityFamily[] = ["outbox", "consensus", "partitioned-log", "replication", "fan-out", "circuit-breaker", "rate-limiting", "retries", "saga", "pools", "cache-eviction", "load-balancing", "mmc", "littles-law"];

export interface LabFidelityNote {
  models: string[];
  leavesOut: string[];
  /** The anchor on /fidelity the note links to. */
  family: FidelityFamily;
  /** Kinds in the scenario that have no note (a test keeps this empty). */
  unknownKinds: string[];
}

/** The note for a scenario: its kinds' phrases in scenario order, and the most specific family. */
export function labFidelityNote(scenario: Pick<Scenario, "nodes">): LabFidelityNote {
  const kinds = [...new Set(scenario.nodes.map((n) => n.kind))];
  const known = kinds.filter((k) => KIND_NOTES[k]);
  // A closed-loop source is checked by the closed-loop rows.
  const closedLoop = scenario.nodes.some((n) => n.kind === "source" && (n as { users?: number }).users !== undefined);
  const families = known.map((k) => KIND_NOTES[k].family);
  const family = closedLoop ? "closed-loop" : (familyOrder.find((f) => families.includes(f)) ?? "littles-law");
  const plain = (k: string) => k !== "source" || closedLoop;
  return {
    models: known.filter(plain).map((k) => (k === "source" && closedLoop ? "users who wait, think and send again" : KIND_NOTES[k].models)),
    leavesOut: known.filter((k) => k !== "source").map((k) => KIND_NOTES[k].leavesOut),
    family,
    unknownKinds: kinds.filter((k) => !KIND_NOTES[k]),
  };
}
