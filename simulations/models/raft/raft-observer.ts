/**
 * The omniscient observer of a Raft cluster: after every step of every server it checks the paper's
 * safety properties, and it keeps the election statistics the lab reports. No server reads from it.
 *
 * - Election safety: at most one leader per term.
 * - Log matching: if two logs hold an entry with the same index and term, they are identical up to it.
 * - No committed entry lost (state machine safety): once any server has counted an entry as committed,
 *   no server's log may hold a different entry at that index, and no leader may lack it.
 *
 * Elections: every term a candidate stands in is an election; it is won when a leader is elected in
 * it, and split when two or more candidates stood and none won. Failovers: from the moment a leader
 * crashes until a leader of a later term is elected.
 */
import type { Entry, ServerObserver, ServerView } from "./raft-server";

/** One broken safety property, as the lab tells it. */
export interface Violation {
  property: "election-safety" | "log-matching" | "committed-entry-lost";
  atMs: number;
  text: string;
}

interface TermRecord {
  candidates: Set<string>;
  leader: string | null;
}

export class RaftObserver implements ServerObserver {
  readonly violations: Violation[] = [];
  readonly counts = { electionSafety: 0, logMatching: 0, committedLost: 0, checks: 0 };
  /** Entries known committed, by index − 1, with when and by whom they were first counted. */
  private readonly committed: { entry: Entry; atMs: number; by: string; term: number }[] = [];
  private readonly views = new Map<string, ServerView>();
  private readonly terms = new Map<number, TermRecord>();
  /** Log lengths and last terms seen at each server's previous step (to skip unchanged logs). */
  private readonly seen = new Map<string, string>();
  private uid = 0;
  /** Pending failover: when the leader of `term` crashed. */
  private crashed: { atMs: number; term: number } | null = null;
  readonly failoverMs: number[] = [];
  currentLeader: { id: string; term: number } | null = null;
  private leaderlessSince: number | null = 0;
  leaderlessMs = 0;

  constructor(private readonly now: () => number) {}

  nextUid(): number {
    return ++this.uid;
  }

  becameCandidate(id: string, term: number): void {
    this.termRecord(term).candidates.add(id);
  }

  becameLeader(id: string, term: number): void {
    const record = this.termRecord(term);
    if (record.leader !== null && record.leader !== id) this.flag("election-safety", `${record.leader} and ${id} were both elected leader of term ${term}`);
    record.leader = id;
    if (!this.currentLeader || term >= this.currentLeader.term) this.currentLeader = { id, term };
    if (this.crashed && term > this.crashed.term) {
      this.failoverMs.push(this.now() - this.crashed.atMs);
      this.crashed = null;
    }
    if (this.leaderlessSince !== null) {
      this.leaderlessMs += this.now() - this.leaderlessSince;
      this.leaderlessSince = null;
    }
  }

  /** A server crashed: if it was the newest leader, a failover starts. */
  serverCrashed(id: string): void {
    this.views.delete(id);
    if (this.currentLeader?.id === id) {
      this.crashed = { atMs: this.now(), term: this.currentLeader.term };
      this.currentLeader = null;
      this.leaderlessSince ??= this.now();
    }
  }

  stepped(view: ServerView): void {
    this.views.set(view.id, view);
    if (view.role !== "leader" && this.currentLeader?.id === view.id && view.term >= this.currentLeader.term) {
      this.currentLeader = null; // stepped down
      this.leaderlessSince ??= this.now();
    }
    this.counts.checks++;
    const log = view.log;
    const signature = `${log.length}:${log.length ? log[log.length - 1].uid : 0}:${view.commitIndex}`;
    if (this.seen.get(view.id) === signature) return;
    this.seen.set(view.id, signature);
    // Entries this server now counts as committed; new ones are checked against every log.
    const before = this.committed.length;
    for (let i = before + 1; i <= Math.min(view.commitIndex, log.length); i++) this.committed[i - 1] = { entry: log[i - 1], atMs: this.now(), by: view.id, term: view.term };
    if (this.committed.length > before) for (const other of this.views.values()) this.checkCommitted(other);
    else this.checkCommitted(view);
    for (const other of this.views.values()) if (other.id !== view.id) this.checkMatching(view, other);
  }

  /** Elections held (terms in which someone stood), won, and split (two or more candidates, no winner). */
  elections(): { held: number; won: number; split: number; lost: number } {
    let held = 0;
    let won = 0;
    let split = 0;
    const newest = Math.max(0, ...this.terms.keys());
    for (const [term, r] of this.terms) {
      if (r.candidates.size === 0) continue;
      held++;
      if (r.leader) won++;
      else if (term < newest && r.candidates.size >= 2) split++;
    }
    return { held, won, split, lost: held - won };
  }

  /** Time without a leader so far (the open stretch included). */
  leaderlessTotal(): number {
    return this.leaderlessMs + (this.leaderlessSince !== null ? this.now() - this.leaderlessSince : 0);
  }

  get committedCount(): number {
    return this.committed.length;
  }

  private termRecord(term: number): TermRecord {
    let r = this.terms.get(term);
    if (!r) this.terms.set(term, (r = { candidates: new Set(), leader: null }));
    return r;
  }

  /**
   * State machine safety and leader completeness: entries a server counts as committed are the ones
   * known committed, and a leader of a later term than the one an entry was committed in holds it.
   * (A lagging follower may still hold an older, uncommitted entry at a committed index: that is fine.)
   */
  private checkCommitted(view: ServerView): void {
    const log = view.log;
    for (let i = 1; i <= this.committed.length; i++) {
      const known = this.committed[i - 1];
      const here = log[i - 1];
      if (i <= view.commitIndex && here && here.uid !== known.entry.uid) {
        this.flag("committed-entry-lost", `${view.id} committed a term-${here.term} entry at index ${i}, where ${known.by} had committed a term-${known.entry.term} entry at ${Math.round(known.atMs)} ms`, `lost:${i}:${known.entry.uid}`);
        return;
      }
      if (view.role === "leader" && view.term > known.term && here?.uid !== known.entry.uid) {
        this.flag("committed-entry-lost", `${view.id} leads term ${view.term} without entry ${i} (term ${known.entry.term}), which ${known.by} had committed at ${Math.round(known.atMs)} ms`, `lost:${i}:${known.entry.uid}`);
        return;
      }
    }
  }

  /** A server cut its log from `index` on: losing a committed entry there breaks safety. */
  truncated(id: string, index: number, removed: Entry): void {
    const known = this.committed[index - 1];
    if (known && known.entry.uid === removed.uid) this.flag("committed-entry-lost", `${id} overwrote entry ${index} (term ${removed.term}), committed by ${known.by} at ${Math.round(known.atMs)} ms`, `lost:${index}:${removed.uid}`);
  }

  private checkMatching(a: ServerView, b: ServerView): void {
    const n = Math.min(a.log.length, b.log.length);
    let i = n;
    while (i > 0 && a.log[i - 1].term !== b.log[i - 1].term) i--;
    for (let k = i; k > 0; k--) {
      if (a.log[k - 1].uid !== b.log[k - 1].uid) {
        this.flag("log-matching", `${a.id} and ${b.id} agree on the term of entry ${i} but differ at entry ${k}`, `match:${a.id}:${b.id}:${k}`);
        return;
      }
    }
  }

  private readonly flagged = new Set<string>();
  private flag(property: Violation["property"], text: string, key = text): void {
    if (this.flagged.has(key)) return;
    this.flagged.add(key);
    if (property === "election-safety") this.counts.electionSafety++;
    else if (property === "log-matching") this.counts.logMatching++;
    else this.counts.committedLost++;
    if (this.violations.length < 20) this.violations.push({ property, atMs: this.now(), text });
  }
}
