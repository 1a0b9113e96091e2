/**
 * A Raft server (Ongaro & Ousterhout, "In Search of an Understandable Consensus Algorithm", 2014) as a
 * kernel process: terms, RequestVote with the up-to-date-log restriction, randomized election timeouts,
 * AppendEntries log replication and the commit index.
 *
 * Durable (the process's disk, kept across crashes): the current term, the vote cast in it and the log.
 * Volatile (lost on a crash): the role, the commit index, the applied state machine, the leader's
 * next/match indexes and the clients waiting for their entries. A restarted server starts as a follower
 * with commit index 0 and learns the commit index again from the next leader.
 *
 * Two rules can be switched off to show what they are for:
 * - `commitRule: "any-term"` lets a leader count replicas for entries of earlier terms (the paper's
 *   Figure 8: such an entry can be overwritten after it was reported committed);
 * - `voteRestriction: "none"` grants votes without comparing logs (a server missing committed entries
 *   can win and overwrite them).
 * The server reports every step to an omniscient observer (raft-observer.ts) that checks the safety
 * properties; the observer is no part of the protocol and no server reads from it.
 */
import type { ProcessApi, ProcessBehaviour } from "../../kernel/network";
import type { TimerHandle } from "../../kernel/timers";

/** A command in the log: a client's write, a read that goes through the log, or nothing (no-op). */
export interface Command {
  client: string;
  op: number;
  kind: "write" | "read";
  key: number;
  value: number;
}

/** One log entry. `uid` identifies the entry for the observer's checks (unique per appended entry). */
export interface Entry {
  term: number;
  uid: number;
  command: Command;
}

export type Role = "follower" | "candidate" | "leader";

/** How many of the newest entries a server shows in its visible state. */
const TAIL = 12;

/** A client's request to a server, and the server's answers. */
export type ClientRequest = { type: "request"; op: number; kind: "write" | "read"; key: number; value: number; read: ReadPath };
export type ClientAnswer = { type: "ok"; op: number; value: number | null; index: number } | { type: "redirect"; op: number; leader: string | null };
/** How reads are served: appended to the log (linearizable), by the leader from its own state, or by any server. */
export type ReadPath = "log" | "leader-local" | "any-server";

type RaftMessage =
  | { type: "vote"; term: number; candidate: string; lastLogIndex: number; lastLogTerm: number }
  | { type: "vote-reply"; term: number; granted: boolean }
  | { type: "append"; term: number; leader: string; prevLogIndex: number; prevLogTerm: number; entries: Entry[]; leaderCommit: number }
  | { type: "append-reply"; term: number; success: boolean; matchIndex: number };

/** What the server shows the observer after each step (read-only there). */
export interface ServerView {
  id: string;
  role: Role;
  term: number;
  log: readonly Entry[];
  commitIndex: number;
}

/** The observer's hooks (see raft-observer.ts). */
export interface ServerObserver {
  nextUid(): number;
  /** Called at the end of every message handler and timer of the server. */
  stepped(view: ServerView): void;
  becameCandidate(id: string, term: number): void;
  becameLeader(id: string, term: number): void;
  /** The server cut its log at `index` (a conflicting entry from another leader replaces it). */
  truncated(id: string, index: number, removed: Entry): void;
}

export interface ServerOptions {
  peers: string[];
  electionMinMs: number;
  electionMaxMs: number;
  heartbeatMs: number;
  commitRule: "current-term" | "any-term";
  voteRestriction: "up-to-date" | "none";
  /** Most entries one AppendEntries carries. */
  batch: number;
  observer: ServerObserver;
}

/** Builds one incarnation of a Raft server on `api` (called again on every restart). */
export function raftServer(api: ProcessApi, o: ServerOptions): ProcessBehaviour {
  const disk = api.disk;
  // Servers do not boot at the same instant: a fresh server waits up to one heartbeat interval more
  // before its first timeout (without this, equal fixed timeouts would tie forever from time 0).
  const fresh = !disk.has("term");
  if (fresh) {
    disk.set("term", 0);
    disk.set("votedFor", null);
    disk.set("log", [] as Entry[]);
  }
  const log = disk.get("log") as Entry[];
  const term = () => disk.get("term") as number;
  const electionRandom = api.random("election-timeout");
  const majority = Math.floor((o.peers.length + 1) / 2) + 1;

  let role: Role = "follower";
  let leaderId: string | null = null;
  let commitIndex = 0;
  let applied = 0;
  const machine = new Map<number, number>();
  let votes = new Set<string>();
  const nextIndex = new Map<string, number>();
  const matchIndex = new Map<string, number>();
  /** Client requests this leader appended, by log index (answered when applied). */
  const waiting = new Map<number, { client: string; op: number; uid: number }>();
  let electionTimer: TimerHandle | null = null;
  let heartbeatTimer: TimerHandle | null = null;

  const lastIndex = () => log.length;
  const termAt = (index: number) => (index <= 0 ? 0 : (log[index - 1]?.term ?? 0));
  const view = (): ServerView => ({ id: api.id, role, term: term(), log, commitIndex });
  /** The visible state: role, term, log length, commit index, and the terms of the last entries (the lab's log matrix). */
  const publish = () => {
    const from = Math.max(0, log.length - TAIL);
    api.setState({ role, term: term(), log: log.length, commit: commitIndex, leader: leaderId, tailFrom: from + 1, tail: log.slice(from).map((e) => e.term).join(",") });
  };
  const step = (fn: () => void) => {
    fn();
    o.observer.stepped(view());
  };

  const bootRandom = api.random("boot");
  const resetElectionTimer = (bootDelayMs = 0) => {
    electionTimer?.cancel();
    const spread = o.electionMaxMs - o.electionMinMs;
    const timeout = bootDelayMs + o.electionMinMs + (spread > 0 ? electionRandom.next() * spread : 0);
    electionTimer = api.setTimer(timeout, "election-timeout", () => step(startElection));
  };

  const setTerm = (t: number) => {
    disk.set("term", t);
    disk.set("votedFor", null);
  };

  const becomeFollower = (t: number, leader: string | null) => {
    const changed = role !== "follower" || t !== term();
    if (t > term()) setTerm(t);
    if (role === "leader") {
      heartbeatTimer?.cancel();
      heartbeatTimer = null;
      waiting.clear();
      resetElectionTimer(); // a leader has no election timer running
    }
    role = "follower";
    leaderId = leader;
    if (changed) publish();
  };

  const startElection = () => {
    if (role === "leader") return;
    setTerm(term() + 1);
    disk.set("votedFor", api.id);
    role = "candidate";
    leaderId = null;
    votes = new Set([api.id]);
    o.observer.becameCandidate(api.id, term());
    publish();
    resetElectionTimer();
    const message: RaftMessage = { type: "vote", term: term(), candidate: api.id, lastLogIndex: lastIndex(), lastLogTerm: termAt(lastIndex()) };
    for (const p of o.peers) api.send(p, "RequestVote", message);
    if (votes.size >= majority) becomeLeader();
  };

  const becomeLeader = () => {
    role = "leader";
    leaderId = api.id;
    electionTimer?.cancel();
    for (const p of o.peers) {
      nextIndex.set(p, lastIndex() + 1);
      matchIndex.set(p, 0);
    }
    o.observer.becameLeader(api.id, term());
    publish();
    broadcast();
  };

  const sendAppend = (peer: string) => {
    const next = nextIndex.get(peer) ?? lastIndex() + 1;
    const prev = next - 1;
    const entries = log.slice(prev, prev + o.batch);
    const message: RaftMessage = { type: "append", term: term(), leader: api.id, prevLogIndex: prev, prevLogTerm: termAt(prev), entries, leaderCommit: commitIndex };
    api.send(peer, entries.length ? "AppendEntries" : "heartbeat", message);
  };

  const broadcast = () => {
    heartbeatTimer?.cancel();
    for (const p of o.peers) sendAppend(p);
    heartbeatTimer = api.setTimer(o.heartbeatMs, "heartbeat", () => step(broadcast));
  };

  const apply = () => {
    while (applied < commitIndex) {
      applied++;
      const entry = log[applied - 1];
      const c = entry.command;
      if (c.kind === "write") machine.set(c.key, c.value);
      const w = waiting.get(applied);
      if (w) {
        waiting.delete(applied);
        if (w.uid === entry.uid && role === "leader") api.send(w.client, "reply", { type: "ok", op: w.op, value: c.kind === "read" ? (machine.get(c.key) ?? null) : c.value, index: applied } satisfies ClientAnswer);
      }
    }
  };

  const advanceCommit = () => {
    for (let n = lastIndex(); n > commitIndex; n--) {
      if (o.commitRule === "current-term" && termAt(n) !== term()) break; // earlier-term entries commit only indirectly
      let count = 1;
      for (const p of o.peers) if ((matchIndex.get(p) ?? 0) >= n) count++;
      if (count >= majority) {
        commitIndex = n;
        apply();
        publish();
        return;
      }
    }
  };

  const upToDate = (lastLogTerm: number, lastLogIndex: number) => lastLogTerm > termAt(lastIndex()) || (lastLogTerm === termAt(lastIndex()) && lastLogIndex >= lastIndex());

  const onRaft = (from: string, m: RaftMessage) => {
    if (m.term > term()) becomeFollower(m.term, m.type === "append" ? m.leader : null);
    switch (m.type) {
      case "vote": {
        const voted = disk.get("votedFor") as string | null;
        const granted = m.term === term() && (voted === null || voted === m.candidate) && (o.voteRestriction === "none" || upToDate(m.lastLogTerm, m.lastLogIndex));
        if (granted) {
          disk.set("votedFor", m.candidate);
          resetElectionTimer();
        }
        api.send(from, "vote-reply", { type: "vote-reply", term: term(), granted } satisfies RaftMessage);
        return;
      }
      case "vote-reply":
        if (role !== "candidate" || m.term !== term() || !m.granted) return;
        votes.add(from);
        if (votes.size >= majority) becomeLeader();
        return;
      case "append": {
        if (m.term < term()) {
          api.send(from, "append-reply", { type: "append-reply", term: term(), success: false, matchIndex: 0 } satisfies RaftMessage);
          return;
        }
        if (role !== "follower" || leaderId !== m.leader) becomeFollower(m.term, m.leader);
        resetElectionTimer();
        if (m.prevLogIndex > lastIndex() || termAt(m.prevLogIndex) !== m.prevLogTerm) {
          api.send(from, "append-reply", { type: "append-reply", term: term(), success: false, matchIndex: Math.min(lastIndex(), m.prevLogIndex - 1) } satisfies RaftMessage);
          return;
        }
        // Append what is new; cut the log only at a real conflict (a late, shorter message must not truncate).
        m.entries.forEach((e, k) => {
          const index = m.prevLogIndex + 1 + k;
          if (index <= lastIndex() && termAt(index) !== e.term) {
            o.observer.truncated(api.id, index, log[index - 1]);
            log.length = index - 1;
          }
          if (index > lastIndex()) log.push(e);
        });
        const last = m.prevLogIndex + m.entries.length;
        if (m.leaderCommit > commitIndex) {
          commitIndex = Math.min(m.leaderCommit, last);
          apply();
        }
        publish();
        api.send(from, "append-reply", { type: "append-reply", term: term(), success: true, matchIndex: last } satisfies RaftMessage);
        return;
      }
      case "append-reply": {
        if (role !== "leader" || m.term !== term()) return;
        if (m.success) {
          matchIndex.set(from, Math.max(matchIndex.get(from) ?? 0, m.matchIndex));
          nextIndex.set(from, Math.max(nextIndex.get(from) ?? 1, m.matchIndex + 1));
          advanceCommit();
          if ((nextIndex.get(from) ?? 1) <= lastIndex()) sendAppend(from);
        } else {
          // Back up to just after what the follower may share with us, then retry at once.
          nextIndex.set(from, Math.max(1, Math.min((nextIndex.get(from) ?? 1) - 1, m.matchIndex + 1)));
          sendAppend(from);
        }
        return;
      }
    }
  };

  const onClient = (from: string, m: ClientRequest) => {
    if (m.kind === "read" && m.read === "any-server") {
      api.send(from, "reply", { type: "ok", op: m.op, value: machine.get(m.key) ?? null, index: applied } satisfies ClientAnswer);
      return;
    }
    if (role !== "leader") {
      api.send(from, "redirect", { type: "redirect", op: m.op, leader: leaderId } satisfies ClientAnswer);
      return;
    }
    if (m.kind === "read" && m.read === "leader-local") {
      api.send(from, "reply", { type: "ok", op: m.op, value: machine.get(m.key) ?? null, index: applied } satisfies ClientAnswer);
      return;
    }
    const entry: Entry = { term: term(), uid: o.observer.nextUid(), command: { client: from, op: m.op, kind: m.kind, key: m.key, value: m.value } };
    log.push(entry);
    waiting.set(log.length, { client: from, op: m.op, uid: entry.uid });
    publish();
    for (const p of o.peers) if ((nextIndex.get(p) ?? 1) === log.length) sendAppend(p);
    advanceCommit(); // a single-server cluster commits at once
  };

  publish();
  resetElectionTimer(fresh ? bootRandom.next() * o.heartbeatMs : 0);
  o.observer.stepped(view());
  return {
    onMessage(from, _label, payload) {
      const m = payload as RaftMessage | ClientRequest;
      step(() => (m.type === "request" ? onClient(from, m) : onRaft(from, m)));
    },
  };
}
