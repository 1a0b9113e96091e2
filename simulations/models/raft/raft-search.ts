/**
 * Find a counterexample: a bounded breadth-first search over every interleaving of a tiny Raft
 * cluster (2–3 servers) that returns the SHORTEST sequence of steps breaking a safety property, or
 * says that none exists within the bounds, or that it gave up (the state cap was reached: undecided).
 *
 * The model is Raft's rules in the style of a TLA+ spec, not the timed servers of raft-server.ts: each
 * step is one server timing out, one vote request answered, one append (a prefix of the leader's log)
 * accepted, one client write, a server learning a higher term, or a crash and restart. A step delivers
 * a request and its answer together, in any order relative to other steps; a message that is lost is a
 * step never taken. Late duplicates of old messages are not modelled. Ghost state records every entry a
 * leader has called committed and every leader per term, so the invariants are checked after each step:
 * at most one leader per term, a new leader holds every committed entry, and no committed entry is ever
 * replaced. Pure and deterministic: same options, same answer.
 */

/** Which Raft rules are switched on, and how far to search. */
export interface RaftSearchOptions {
  /** 2 or 3. */
  servers: number;
  /** "current-term" (Raft) or "any-term" (count replicas of old entries too: Figure 8). */
  commitRule: "current-term" | "any-term";
  /** "up-to-date" (Raft §5.4.1) or "none". */
  voteRestriction: "up-to-date" | "none";
  /** Highest term any server may reach. */
  maxTerm: number;
  /** Longest log. */
  maxLog: number;
  /** Crash-and-restart steps allowed in one trace. */
  maxCrashes: number;
  /** Hard cap on distinct states explored; reaching it gives "undecided". */
  maxStates: number;
}

export type RaftSearchResult =
  | { kind: "violation"; invariant: string; detail: string; trace: string[]; statesExplored: number }
  | { kind: "none"; statesExplored: number }
  | { kind: "undecided"; statesExplored: number };

const FOLLOWER = 0;
const CANDIDATE = 1;
const LEADER = 2;

interface Server {
  term: number;
  votedFor: number; // -1: nobody
  log: number[]; // entry terms, index 0 = log index 1
  commit: number;
  role: number;
  votes: number; // bitmask of granted votes (candidate)
  match: number[]; // leader: highest index known replicated per server
}

interface State {
  s: Server[];
  crashes: number;
  committed: number[]; // ghost: term of each committed index
  leaders: number[]; // ghost: leaders[term] = server + 1, or 0
}

const name = (i: number) => `r${i + 1}`;

function key(st: State): string {
  let out = `${st.crashes}|${st.committed.join(",")}|${st.leaders.join(",")}`;
  for (const x of st.s) out += `|${x.term},${x.votedFor},${x.commit},${x.role},${x.votes},${x.log.join(".")}${x.role === LEADER ? `,${x.match.join(".")}` : ""}`;
  return out;
}

function clone(st: State): State {
  return { s: st.s.map((x) => ({ ...x, log: x.log.slice(), match: x.match.slice() })), crashes: st.crashes, committed: st.committed.slice(), leaders: st.leaders.slice() };
}

const lastTerm = (log: number[]) => (log.length ? log[log.length - 1] : 0);
const upToDate = (cand: number[], voter: number[]) => lastTerm(cand) > lastTerm(voter) || (lastTerm(cand) === lastTerm(voter) && cand.length >= voter.length);
const popcount = (x: number) => (x & 1) + ((x >> 1) & 1) + ((x >> 2) & 1);

/** A violated invariant after a step, or null. */
type Check = { invariant: string; detail: string } | null;

function adoptTerm(x: Server, term: number): void {
  if (term > x.term) {
    x.term = term;
    x.votedFor = -1;
    x.role = FOLLOWER;
    x.votes = 0;
  }
}

function becomeLeader(st: State, i: number, n: number): Check {
  const x = st.s[i];
  x.role = LEADER;
  x.match = Array.from({ length: n }, (_, j) => (j === i ? x.log.length : 0));
  const other = st.leaders[x.term];
  if (other && other !== i + 1) return { invariant: "election safety", detail: `${name(i)} and ${name(other - 1)} both lead term ${x.term}` };
  st.leaders[x.term] = i + 1;
  for (let k = 0; k < st.committed.length; k++) {
    if (x.log[k] !== st.committed[k]) return { invariant: "leader completeness", detail: `${name(i)} leads term ${x.term} without entry ${k + 1} (term ${st.committed[k]}), which was committed` };
  }
  return null;
}

function advanceCommit(st: State, i: number, n: number, rule: RaftSearchOptions["commitRule"]): Check {
  const x = st.s[i];
  for (let idx = x.log.length; idx > x.commit; idx--) {
    const replicas = x.match.filter((m) => m >= idx).length;
    if (replicas * 2 > n && (rule === "any-term" || x.log[idx - 1] === x.term)) {
      x.commit = idx;
      break;
    }
  }
  for (let k = 0; k < x.commit; k++) {
    if (k < st.committed.length && st.committed[k] !== x.log[k]) return { invariant: "state machine safety", detail: `${name(i)} commits entry ${k + 1} with term ${x.log[k]}, but term ${st.committed[k]} was committed there` };
    if (k >= st.committed.length) st.committed.push(x.log[k]);
  }
  return null;
}

/** Every step from a state: its label, the next state and any invariant it broke. */
function* successors(st: State, o: RaftSearchOptions): Generator<{ label: string; next: State; broke: Check }> {
  const n = o.servers;
  for (let i = 0; i < n; i++) {
    const x = st.s[i];
    if (x.role !== LEADER && x.term < o.maxTerm) {
      const next = clone(st);
      const y = next.s[i];
      y.term++;
      y.role = CANDIDATE;
      y.votedFor = i;
      y.votes = 1 << i;
      let broke: Check = null;
      if (popcount(y.votes) * 2 > n) broke = becomeLeader(next, i, n);
      yield { label: `${name(i)} times out and asks for votes in term ${y.term}`, next, broke };
    }
    if (st.crashes < o.maxCrashes && (x.role !== FOLLOWER || x.commit > 0)) {
      const next = clone(st);
      const y = next.s[i];
      y.role = FOLLOWER;
      y.votes = 0;
      y.commit = 0;
      next.crashes++;
      yield { label: `${name(i)} crashes and restarts (term, vote and log kept)`, next, broke: null };
    }
    if (x.role === LEADER && x.log.length < o.maxLog) {
      const next = clone(st);
      const y = next.s[i];
      y.log.push(y.term);
      y.match[i] = y.log.length;
      yield { label: `${name(i)} takes a client write: entry ${y.log.length} (term ${y.term})`, next, broke: null };
    }
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const peer = st.s[j];
      // Only leaders and candidates need to hear a higher term on its own (to step down); followers adopt it on the next vote or append.
      if (peer.term > x.term && x.role !== FOLLOWER) {
        const next = clone(st);
        adoptTerm(next.s[i], peer.term);
        yield { label: `${name(i)} hears term ${peer.term} from ${name(j)} and steps down`, next, broke: null };
      }
      if (x.role === CANDIDATE && peer.term <= x.term && !(x.votes & (1 << j))) {
        const grant = (peer.term < x.term || peer.votedFor === -1 || peer.votedFor === i) && (o.voteRestriction === "none" || upToDate(x.log, peer.log));
        if (grant) {
          const next = clone(st);
          const v = next.s[j];
          adoptTerm(v, x.term);
          v.votedFor = i;
          const c = next.s[i];
          c.votes |= 1 << j;
          let broke: Check = null;
          if (popcount(c.votes) * 2 > n) broke = becomeLeader(next, i, n);
          yield { label: `${name(j)} votes for ${name(i)} in term ${x.term}${broke || c.role === LEADER ? `; ${name(i)} leads` : ""}`, next, broke };
        }
      }
      if (x.role === LEADER && peer.term <= x.term) {
        for (let len = Math.max(1, x.match[j] + 1); len <= x.log.length; len++) {
          const next = clone(st);
          const f = next.s[j];
          adoptTerm(f, x.term);
          f.role = FOLLOWER;
          f.votes = 0;
          const sent = x.log.slice(0, len);
          // AppendEntries with every entry from index 1: drop the first conflicting entry and all after it, append the rest.
          let k = 0;
          while (k < sent.length && k < f.log.length && f.log[k] === sent[k]) k++;
          if (k < sent.length) f.log = f.log.slice(0, k).concat(sent.slice(k));
          f.commit = Math.max(f.commit, Math.min(x.commit, len));
          const l = next.s[i];
          l.match[j] = Math.max(l.match[j], len);
          const broke = advanceCommit(next, i, n, o.commitRule);
          yield { label: `${name(i)} copies entries 1..${len} to ${name(j)}; commit index ${next.s[i].commit}`, next, broke };
        }
      }
    }
  }
}

/** How often (in distinct states) the search reports its progress. */
export const RAFT_SEARCH_PROGRESS_EVERY = 25_000;

/**
 * Breadth-first search for the shortest trace breaking a Raft safety property within the bounds.
 * `onProgress`, when given, hears the number of states explored every RAFT_SEARCH_PROGRESS_EVERY states.
 */
export function searchRaftCounterexample(options: RaftSearchOptions, onProgress?: (statesExplored: number) => void): RaftSearchResult {
  if (!Number.isInteger(options.servers) || options.servers < 2 || options.servers > 3) throw new Error(`servers must be 2 or 3 (got ${options.servers})`);
  if (!(options.maxStates >= 1)) throw new Error(`maxStates must be at least 1 (got ${options.maxStates})`);
  const n = options.servers;
  const start: State = {
    s: Array.from({ length: n }, () => ({ term: 0, votedFor: -1, log: [], commit: 0, role: FOLLOWER, votes: 0, match: [] })),
    crashes: 0,
    committed: [],
    leaders: [],
  };
  const parent = new Map<string, { from: string | null; label: string }>();
  const startKey = key(start);
  parent.set(startKey, { from: null, label: "" });
  let frontier: [string, State][] = [[startKey, start]];
  const traceTo = (k: string, last: string) => {
    const steps = [last];
    for (let at = parent.get(k); at && at.from !== null; at = parent.get(at.from)) steps.push(at.label);
    return steps.reverse();
  };
  while (frontier.length) {
    const nextFrontier: [string, State][] = [];
    for (const [k, st] of frontier) {
      for (const { label, next, broke } of successors(st, options)) {
        if (broke) return { kind: "violation", invariant: broke.invariant, detail: broke.detail, trace: traceTo(k, label), statesExplored: parent.size };
        const nk = key(next);
        if (parent.has(nk)) continue;
        if (parent.size >= options.maxStates) return { kind: "undecided", statesExplored: parent.size };
        parent.set(nk, { from: k, label });
        if (onProgress && parent.size % RAFT_SEARCH_PROGRESS_EVERY === 0) onProgress(parent.size);
        nextFrontier.push([nk, next]);
      }
    }
    frontier = nextFrontier;
  }
  return { kind: "none", statesExplored: parent.size };
}
