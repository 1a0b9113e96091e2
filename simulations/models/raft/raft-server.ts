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
import type { RandomStream } from "../../engine/random";

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
  const server = new RaftServer(api, o);
  return {
    onMessage(from, _label, payload) {
      server.onMessage(from, payload as RaftMessage | ClientRequest);
    },
  };
}

/** One incarnation's state (durable part on `api.disk`) and its handlers. */
class RaftServer {
  private readonly disk: ProcessApi["disk"];
  private readonly log: Entry[];
  private readonly electionRandom: RandomStream;
  private readonly bootRandom: RandomStream;
  private readonly majority: number;

  private role: Role = "follower";
  private leaderId: string | null = null;
  private commitIndex = 0;
  private applied = 0;
  private readonly machine = new Map<number, number>();
  private votes = new Set<string>();
  private readonly nextIndex = new Map<string, number>();
  private readonly matchIndex = new Map<string, number>();
  /** Client requests this leader appended, by log index (answered when applied). */
  private readonly waiting = new Map<number, { client: string; op: number; uid: number }>();
  private electionTimer: TimerHandle | null = null;
  private heartbeatTimer: TimerHandle | null = null;

  constructor(
    private readonly api: ProcessApi,
    private readonly o: ServerOptions,
  ) {
    const disk = api.disk;
    this.disk = disk;
    // Servers do not boot at the same instant: a fresh server waits up to one heartbeat interval more
    // before its first timeout (without this, equal fixed timeouts would tie forever from time 0).
    const fresh = !disk.has("term");
    if (fresh) {
      disk.set("term", 0);
      disk.set("votedFor", null);
      disk.set("log", [] as Entry[]);
    }
    this.log = disk.get("log") as Entry[];
    // Streams are created in this order; keep it.
    this.electionRandom = api.random("election-timeout");
    this.majority = Math.floor((o.peers.length + 1) / 2) + 1;
    this.bootRandom = api.random("boot");

    this.publish();
    this.resetElectionTimer(fresh ? this.bootRandom.next() * o.heartbeatMs : 0);
    o.observer.stepped(this.view());
  }

  onMessage(from: string, m: RaftMessage | ClientRequest): void {
    this.step(() => (m.type === "request" ? this.onClient(from, m) : this.onRaft(from, m)));
  }

  private term(): number {
    return this.disk.get("term") as number;
  }

  private lastIndex(): number {
    return this.log.length;
  }

  private termAt(index: number): number {
    return index <= 0 ? 0 : (this.log[index - 1]?.term ?? 0);
  }

  private view(): ServerView {
    return { id: this.api.id, role: this.role, term: this.term(), log: this.log, commitIndex: this.commitIndex };
  }

  /** The visible state: role, term, log length, commit index, and the terms of the last entries (the lab's log matrix). */
  private publish(): void {
    const { log } = this;
    const from = Math.max(0, log.length - TAIL);
    this.api.setState({ role: this.role, term: this.term(), log: log.length, commit: this.commitIndex, leader: this.leaderId, tailFrom: from + 1, tail: log.slice(from).map((e) => e.term).join(",") });
  }

  private step(fn: () => void): void {
    fn();
    this.o.observer.stepped(this.view());
  }

  private resetElectionTimer(bootDelayMs = 0): void {
    const { o } = this;
    this.electionTimer?.cancel();
    const spread = o.electionMaxMs - o.electionMinMs;
    const timeout = bootDelayMs + o.electionMinMs + (spread > 0 ? this.electionRandom.next() * spread : 0);
    this.electionTimer = this.api.setTimer(timeout, "election-timeout", () => this.step(() => this.startElection()));
  }

  private setTerm(t: number): void {
    this.disk.set("term", t);
    this.disk.set("votedFor", null);
  }

  private becomeFollower(t: number, leader: string | null): void {
    const changed = this.role !== "follower" || t !== this.term();
    if (t > this.term()) this.setTerm(t);
    if (this.role === "leader") {
      this.heartbeatTimer?.cancel();
      this.heartbeatTimer = null;
      this.waiting.clear();
      this.resetElectionTimer(); // a leader has no election timer running
    }
    this.role = "follower";
    this.leaderId = leader;
    if (changed) this.publish();
  }

  private startElection(): void {
    const { api, o } = this;
    if (this.role === "leader") return;
    this.setTerm(this.term() + 1);
    this.disk.set("votedFor", api.id);
    this.role = "candidate";
    this.leaderId = null;
    this.votes = new Set([api.id]);
    o.observer.becameCandidate(api.id, this.term());
    this.publish();
    this.resetElectionTimer();
    const message: RaftMessage = { type: "vote", term: this.term(), candidate: api.id, lastLogIndex: this.lastIndex(), lastLogTerm: this.termAt(this.lastIndex()) };
    for (const p of o.peers) api.send(p, "RequestVote", message);
    if (this.votes.size >= this.majority) this.becomeLeader();
  }

  private becomeLeader(): void {
    this.role = "leader";
    this.leaderId = this.api.id;
    this.electionTimer?.cancel();
    for (const p of this.o.peers) {
      this.nextIndex.set(p, this.lastIndex() + 1);
      this.matchIndex.set(p, 0);
    }
    this.o.observer.becameLeader(this.api.id, this.term());
    this.publish();
    this.broadcast();
  }

  private sendAppend(peer: string): void {
    const next = this.nextIndex.get(peer) ?? this.lastIndex() + 1;
    const prev = next - 1;
    const entries = this.log.slice(prev, prev + this.o.batch);
    const message: RaftMessage = { type: "append", term: this.term(), leader: this.api.id, prevLogIndex: prev, prevLogTerm: this.termAt(prev), entries, leaderCommit: this.commitIndex };
    this.api.send(peer, entries.length ? "AppendEntries" : "heartbeat", message);
  }

  private broadcast(): void {
    this.heartbeatTimer?.cancel();
    for (const p of this.o.peers) this.sendAppend(p);
    this.heartbeatTimer = this.api.setTimer(this.o.heartbeatMs, "heartbeat", () => this.step(() => this.broadcast()));
  }

  private apply(): void {
    const { log, machine, waiting } = this;
    while (this.applied < this.commitIndex) {
      this.applied++;
      const applied = this.applied;
      const entry = log[applied - 1];
      const c = entry.command;
      if (c.kind === "write") machine.set(c.key, c.value);
      const w = waiting.get(applied);
      if (w) {
        waiting.delete(applied);
        if (w.uid === entry.uid && this.role === "leader") this.api.send(w.client, "reply", { type: "ok", op: w.op, value: c.kind === "read" ? (machine.get(c.key) ?? null) : c.value, index: applied } satisfies ClientAnswer);
      }
    }
  }

  private advanceCommit(): void {
    const { o } = this;
    for (let n = this.lastIndex(); n > this.commitIndex; n--) {
      if (o.commitRule === "current-term" && this.termAt(n) !== this.term()) break; // earlier-term entries commit only indirectly
      let count = 1;
      for (const p of o.peers) if ((this.matchIndex.get(p) ?? 0) >= n) count++;
      if (count >= this.majority) {
        this.commitIndex = n;
        this.apply();
        this.publish();
        return;
      }
    }
  }

  private upToDate(lastLogTerm: number, lastLogIndex: number): boolean {
    return lastLogTerm > this.termAt(this.lastIndex()) || (lastLogTerm === this.termAt(this.lastIndex()) && lastLogIndex >= this.lastIndex());
  }

  private onRaft(from: string, m: RaftMessage): void {
    if (m.term > this.term()) this.becomeFollower(m.term, m.type === "append" ? m.leader : null);
    switch (m.type) {
      case "vote":
        return this.onVote(from, m);
      case "vote-reply":
        if (this.role !== "candidate" || m.term !== this.term() || !m.granted) return;
        this.votes.add(from);
        if (this.votes.size >= this.majority) this.becomeLeader();
        return;
      case "append":
        return this.onAppend(from, m);
      case "append-reply":
        return this.onAppendReply(from, m);
    }
  }

  private onVote(from: string, m: Extract<RaftMessage, { type: "vote" }>): void {
    const voted = this.disk.get("votedFor") as string | null;
    const granted = m.term === this.term() && (voted === null || voted === m.candidate) && (this.o.voteRestriction === "none" || this.upToDate(m.lastLogTerm, m.lastLogIndex));
    if (granted) {
      this.disk.set("votedFor", m.candidate);
      this.resetElectionTimer();
    }
    this.api.send(from, "vote-reply", { type: "vote-reply", term: this.term(), granted } satisfies RaftMessage);
  }

  private onAppend(from: string, m: Extract<RaftMessage, { type: "append" }>): void {
    const { api, log } = this;
    if (m.term < this.term()) {
      api.send(from, "append-reply", { type: "append-reply", term: this.term(), success: false, matchIndex: 0 } satisfies RaftMessage);
      return;
    }
    if (this.role !== "follower" || this.leaderId !== m.leader) this.becomeFollower(m.term, m.leader);
    this.resetElectionTimer();
    if (m.prevLogIndex > this.lastIndex() || this.termAt(m.prevLogIndex) !== m.prevLogTerm) {
      api.send(from, "append-reply", { type: "append-reply", term: this.term(), success: false, matchIndex: Math.min(this.lastIndex(), m.prevLogIndex - 1) } satisfies RaftMessage);
      return;
    }
    // Append what is new; cut the log only at a real conflict (a late, shorter message must not truncate).
    m.entries.forEach((e, k) => {
      const index = m.prevLogIndex + 1 + k;
      if (index <= this.lastIndex() && this.termAt(index) !== e.term) {
        this.o.observer.truncated(api.id, index, log[index - 1]);
        log.length = index - 1;
      }
      if (index > this.lastIndex()) log.push(e);
    });
    const last = m.prevLogIndex + m.entries.length;
    if (m.leaderCommit > this.commitIndex) {
      this.commitIndex = Math.min(m.leaderCommit, last);
      this.apply();
    }
    this.publish();
    api.send(from, "append-reply", { type: "append-reply", term: this.term(), success: true, matchIndex: last } satisfies RaftMessage);
  }

  private onAppendReply(from: string, m: Extract<RaftMessage, { type: "append-reply" }>): void {
    const { nextIndex, matchIndex } = this;
    if (this.role !== "leader" || m.term !== this.term()) return;
    if (m.success) {
      matchIndex.set(from, Math.max(matchIndex.get(from) ?? 0, m.matchIndex));
      nextIndex.set(from, Math.max(nextIndex.get(from) ?? 1, m.matchIndex + 1));
      this.advanceCommit();
      if ((nextIndex.get(from) ?? 1) <= this.lastIndex()) this.sendAppend(from);
    } else {
      // Back up to just after what the follower may share with us, then retry at once.
      nextIndex.set(from, Math.max(1, Math.min((nextIndex.get(from) ?? 1) - 1, m.matchIndex + 1)));
      this.sendAppend(from);
    }
  }

  private onClient(from: string, m: ClientRequest): void {
    const { api, log, machine } = this;
    if (m.kind === "read" && m.read === "any-server") {
      api.send(from, "reply", { type: "ok", op: m.op, value: machine.get(m.key) ?? null, index: this.applied } satisfies ClientAnswer);
      return;
    }
    if (this.role !== "leader") {
      api.send(from, "redirect", { type: "redirect", op: m.op, leader: this.leaderId } satisfies ClientAnswer);
      return;
    }
    if (m.kind === "read" && m.read === "leader-local") {
      api.send(from, "reply", { type: "ok", op: m.op, value: machine.get(m.key) ?? null, index: this.applied } satisfies ClientAnswer);
      return;
    }
    const entry: Entry = { term: this.term(), uid: this.o.observer.nextUid(), command: { client: from, op: m.op, kind: m.kind, key: m.key, value: m.value } };
    log.push(entry);
    this.waiting.set(log.length, { client: from, op: m.op, uid: entry.uid });
    this.publish();
    for (const p of this.o.peers) if ((this.nextIndex.get(p) ?? 1) === log.length) this.sendAppend(p);
    this.advanceCommit(); // a single-server cluster commits at once
  }
}
