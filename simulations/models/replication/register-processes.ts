/**
 * The processes of a replicated register: replicas (leader-follower or leaderless quorum) and the
 * clients that use them, written against the kernel's process network (kernel/network.ts).
 *
 * Every replica keeps its data on disk (key → value and version), so a crash loses only what was in
 * memory: an async leader's replication not yet shipped, a sync leader's writes waiting for acks.
 * - Leader-follower: replica r1 leads. It numbers writes (its counter is on disk), stores them and
 *   either acknowledges at once and ships them to the followers after a lag (async), or ships them
 *   first and acknowledges when every follower has (sync) or when the first one has (semi-sync).
 *   Followers apply a write if it is newer.
 * - Quorum (Dynamo style, the client coordinates): a write goes to replicas with a last-writer-wins
 *   version from the client's own (possibly drifting) clock and succeeds on W acknowledgements; a read
 *   asks replicas and returns the newest of R answers. No read repair and no anti-entropy, so a replica
 *   that missed a write stays behind (the model of Bailis et al.'s PBS without repair).
 */
import { createSampler, type Dist } from "../../engine/distributions";
import type { ProcessApi, ProcessBehaviour } from "../../kernel/network";
import type { TimerHandle } from "../../kernel/timers";

/** A stored register value; version 0 is the initial, never-written state. */
export interface Stored {
  value: number | null;
  version: number;
}

export type ClientMessage =
  | { type: "read"; op: number; key: number }
  | { type: "write"; op: number; key: number; value: number; version?: number };
export type ReplyMessage = { type: "read-ok"; op: number; value: number | null; version: number } | { type: "write-ok"; op: number; version: number };
type ReplicaMessage = { type: "replicate"; key: number; value: number | null; version: number; write: number } | { type: "ack"; write: number };

const dataOf = (api: ProcessApi): Map<number, Stored> => {
  let data = api.disk.get("data") as Map<number, Stored> | undefined;
  if (!data) api.disk.set("data", (data = new Map()));
  return data;
};

/** A replica in leaderless quorum mode: stores newer versions, answers reads with what it holds. */
export function quorumReplica(api: ProcessApi): ProcessBehaviour {
  const data = dataOf(api);
  return {
    onMessage(from, _label, payload) {
      const m = payload as ClientMessage;
      const current = data.get(m.key) ?? { value: null, version: 0 };
      if (m.type === "write") {
        if (m.version! > current.version) data.set(m.key, { value: m.value, version: m.version! });
        api.send(from, "write-ok", { type: "write-ok", op: m.op, version: m.version! } satisfies ReplyMessage);
      } else api.send(from, "read-ok", { type: "read-ok", op: m.op, value: current.value, version: current.version } satisfies ReplyMessage);
    },
  };
}

export interface LeaderOptions {
  followers: string[];
  /**
   * How many follower acknowledgements a write waits for before the client hears "ok": 0 is async
   * (shipped after the lag), every follower is sync, one is semi-sync (MySQL's rpl_semi_sync style:
   * shipped to all at once, answered on the first acknowledgement).
   */
  acksNeeded: number;
  lagMs: Dist;
}

/** Replica r1 in leader-follower mode. Volatile: the shipping timers and the writes awaiting acks. */
export function leaderReplica(api: ProcessApi, o: LeaderOptions): ProcessBehaviour {
  const data = dataOf(api);
  const lag = createSampler(o.lagMs, api.random("replication-lag"));
  const waiting = new Map<number, { client: string; op: number; version: number; acks: number }>();
  let writeSeq = 0;
  const ship = (key: number, stored: Stored, write: number, to: string) => api.send(to, "replicate", { type: "replicate", key, ...stored, write } satisfies ReplicaMessage);
  return {
    onMessage(from, _label, payload) {
      const m = payload as ClientMessage | ReplicaMessage;
      if (m.type === "ack") {
        const w = waiting.get(m.write);
        if (w && ++w.acks === o.acksNeeded) {
          waiting.delete(m.write);
          api.send(w.client, "write-ok", { type: "write-ok", op: w.op, version: w.version } satisfies ReplyMessage);
        }
        return;
      }
      if (m.type === "replicate") return;
      if (m.type === "read") {
        const s = data.get(m.key) ?? { value: null, version: 0 };
        api.send(from, "read-ok", { type: "read-ok", op: m.op, value: s.value, version: s.version } satisfies ReplyMessage);
        return;
      }
      const version = ((api.disk.get("counter") as number | undefined) ?? 0) + 1;
      api.disk.set("counter", version);
      const stored = { value: m.value, version };
      data.set(m.key, stored);
      const write = ++writeSeq;
      if (o.acksNeeded > 0 && o.followers.length > 0) {
        waiting.set(write, { client: from, op: m.op, version, acks: 0 });
        for (const f of o.followers) ship(m.key, stored, write, f);
      } else {
        api.send(from, "write-ok", { type: "write-ok", op: m.op, version } satisfies ReplyMessage);
        for (const f of o.followers) api.setTimer(lag(), "ship", () => ship(m.key, stored, write, f));
      }
      api.setState({ role: "leader", version });
    },
  };
}

/** A follower: applies newer replicated writes, acknowledges them, answers reads from its own copy. */
export function followerReplica(api: ProcessApi): ProcessBehaviour {
  const data = dataOf(api);
  return {
    onMessage(from, _label, payload) {
      const m = payload as ClientMessage | ReplicaMessage;
      if (m.type === "replicate") {
        const current = data.get(m.key) ?? { value: null, version: 0 };
        if (m.version > current.version) {
          data.set(m.key, { value: m.value, version: m.version });
          api.setState({ role: "follower", applied: m.version });
        }
        api.send(from, "ack", { type: "ack", write: m.write } satisfies ReplicaMessage);
      } else if (m.type === "read") {
        const s = data.get(m.key) ?? { value: null, version: 0 };
        api.send(from, "read-ok", { type: "read-ok", op: m.op, value: s.value, version: s.version } satisfies ReplyMessage);
      }
    },
  };
}

/** What a client process needs from the model: the next operation, where to send it, and bookkeeping. */
export interface ClientHooks {
  /** The next operation, or null when the run takes no more. */
  next(client: string): { op: number; kind: "read" | "write"; key: number; value: number } | null;
  /** Replicas an operation goes to, and how many answers it needs. */
  targets(kind: "read" | "write", client: string): { to: string[]; need: number };
  thinkMs(): number;
  timeoutMs: number;
  /** The client's clock gives quorum writes their last-writer-wins version (null: the leader numbers writes). */
  clientVersions: boolean;
  /**
   * Quorum reads write the value they return back to a write quorum before answering (ABD's second
   * phase), so no later read can see an older value: what makes R + W > N linearizable.
   */
  writeBack: boolean;
  done(op: number, outcome: { ok: true; value: number | null; version: number } | { ok: false }): void;
}

/** A closed-loop client: one operation at a time, think time between them, a timeout per operation. */
export function clientProcess(api: ProcessApi, index: number, hooks: ClientHooks): ProcessBehaviour {
  let current: { op: number; kind: "read" | "write"; key: number; need: number; got: number; best: { value: number | null; version: number }; timeout: TimerHandle; writingBack: boolean } | null = null;
  const issue = () => {
    const next = hooks.next(api.id);
    if (!next) return;
    const { to, need } = hooks.targets(next.kind, api.id);
    const timeout = api.setTimer(hooks.timeoutMs, "timeout", () => {
      current = null;
      hooks.done(next.op, { ok: false });
      api.setTimer(hooks.thinkMs(), "think", issue);
    });
    current = { op: next.op, kind: next.kind, key: next.key, need, got: 0, best: { value: null, version: -1 }, timeout, writingBack: false };
    const version = hooks.clientVersions ? Math.round(api.now() * 1000) * 64 + index : undefined;
    const message: ClientMessage = next.kind === "read" ? { type: "read", op: next.op, key: next.key } : { type: "write", op: next.op, key: next.key, value: next.value, version };
    for (const r of to) api.send(r, next.kind, message);
  };
  api.setTimer(hooks.thinkMs(), "think", issue);
  return {
    onMessage(_from, _label, payload) {
      const m = payload as ReplyMessage;
      const c = current;
      if (!c || m.op !== c.op) return; // a late or duplicated answer
      if (c.writingBack !== (m.type === "write-ok" && c.kind === "read")) return; // an answer of the other phase
      c.got++;
      const version = m.version;
      if (!c.writingBack && version > c.best.version) c.best = { value: m.type === "read-ok" ? m.value : null, version };
      if (c.got < c.need) return;
      if (c.kind === "read" && hooks.writeBack && !c.writingBack && c.best.version > 0) {
        // Phase two: make the value we are about to return durable at a write quorum first.
        c.writingBack = true;
        c.got = 0;
        const { to, need } = hooks.targets("write", api.id);
        c.need = need;
        const message: ClientMessage = { type: "write", op: c.op, key: c.key, value: c.best.value!, version: c.best.version };
        for (const r of to) api.send(r, "write-back", message);
        return;
      }
      current = null;
      c.timeout.cancel();
      hooks.done(c.op, { ok: true, value: c.best.value, version: c.best.version });
      api.setTimer(hooks.thinkMs(), "think", issue);
    },
  };
}
