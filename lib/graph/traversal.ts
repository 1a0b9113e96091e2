/**
 * A friends-of-friends traversal over a small undirected graph, counted two ways: as a graph database
 * walks it (breadth first, each person visited once, following stored adjacency lists) and as a
 * relational database answers it with one self-join of a `friendships(a, b)` table per hop, where
 * each hop joins every row produced so far against the table through an index on `a`.
 *
 * The join count is exact: without DISTINCT between hops, the rows after hop k are the walks of
 * length k from the start person, i.e. the row sum of A^k for the adjacency matrix A (a walk may
 * revisit people and come straight back). With DISTINCT after every hop the rows are the people
 * reachable by some walk of exactly k steps, which still includes people already met at an earlier
 * hop. The breadth-first search reports the people first reached at each hop, the adjacency
 * entries it reads, and the total visited. Pure and deterministic; used by components/graph/.
 */

export interface Graph {
  /** People's names, unique; their index is their id. */
  readonly people: readonly string[];
  /** Friendships as index pairs, undirected, no self-loops, no duplicates (normalised a < b). */
  readonly edges: readonly (readonly [number, number])[];
}

export interface HopStep {
  /** Hop number, from 1. */
  hop: number;
  /** People on the frontier the hop starts from (reached at hop − 1). */
  frontier: number;
  /** Adjacency entries read: the sum of the frontier's degrees. */
  edgesFollowed: number;
  /** People reached for the first time at this hop (ids, ascending). */
  newlyReached: number[];
  /** People visited so far, the start included. */
  visited: number;
  /** Relational: index probes into friendships(a) this hop (one per row carried in). */
  indexProbes: number;
  /** Relational: rows the hop's join produces without DISTINCT (walks of length `hop`). */
  joinRows: number;
  /** Relational: rows left after DISTINCT on the last column (people at the end of some walk of length `hop`). */
  distinctRows: number;
}

export interface Traversal {
  start: number;
  maxHops: number;
  /** Hop distance of each person from the start (0 for the start, null when not reached within maxHops). */
  distance: (number | null)[];
  steps: HopStep[];
}

/** Normalises an edge to (min, max); returns null for a self-loop. */
export function normaliseEdge(a: number, b: number): [number, number] | null {
  if (a === b) return null;
  return a < b ? [a, b] : [b, a];
}

export function hasEdge(g: Graph, a: number, b: number): boolean {
  const e = normaliseEdge(a, b);
  return e !== null && g.edges.some(([x, y]) => x === e[0] && y === e[1]);
}

/** A new graph with the friendship added (unchanged if it exists or is a self-loop). */
export function addEdge(g: Graph, a: number, b: number): Graph {
  const e = normaliseEdge(a, b);
  if (!e || hasEdge(g, a, b) || a < 0 || b < 0 || a >= g.people.length || b >= g.people.length) return g;
  return { people: g.people, edges: [...g.edges, e] };
}

/** A new graph without the friendship (unchanged if absent). */
export function removeEdge(g: Graph, a: number, b: number): Graph {
  const e = normaliseEdge(a, b);
  if (!e) return g;
  return { people: g.people, edges: g.edges.filter(([x, y]) => !(x === e[0] && y === e[1])) };
}

/** Adjacency lists, neighbours in ascending id order (what index-free adjacency stores per node). */
export function adjacency(g: Graph): number[][] {
  const adj: number[][] = g.people.map(() => []);
  for (const [a, b] of g.edges) {
    adj[a].push(b);
    adj[b].push(a);
  }
  for (const list of adj) list.sort((x, y) => x - y);
  return adj;
}

/** Breadth-first friends-of-friends from `start` up to `maxHops`, with the relational counts per hop. */
export function traverse(g: Graph, start: number, maxHops: number): Traversal {
  if (!Number.isInteger(start) || start < 0 || start >= g.people.length) throw new Error(`start must be a person's index 0..${g.people.length - 1} (got ${start})`);
  if (!Number.isInteger(maxHops) || maxHops < 1) throw new Error(`maxHops must be a whole number ≥ 1 (got ${maxHops})`);
  const adj = adjacency(g);
  const distance: (number | null)[] = g.people.map(() => null);
  distance[start] = 0;
  let frontier = [start];
  let visited = 1;
  // walks[v]: number of walks of the current length from start ending at v (the join's rows by last column).
  let walks: number[] = g.people.map((_, i) => (i === start ? 1 : 0));
  const steps: HopStep[] = [];
  for (let hop = 1; hop <= maxHops; hop++) {
    const rowsIn = walks.reduce((s, w) => s + w, 0);
    const next = g.people.map(() => 0);
    for (let v = 0; v < walks.length; v++) if (walks[v] > 0) for (const u of adj[v]) next[u] += walks[v];
    walks = next;
    let edgesFollowed = 0;
    const reached: number[] = [];
    for (const v of frontier) {
      for (const u of adj[v]) {
        edgesFollowed++;
        if (distance[u] === null) {
          distance[u] = hop;
          reached.push(u);
        }
      }
    }
    reached.sort((x, y) => x - y);
    visited += reached.length;
    steps.push({
      hop,
      frontier: frontier.length,
      edgesFollowed,
      newlyReached: reached,
      visited,
      indexProbes: rowsIn,
      joinRows: walks.reduce((s, w) => s + w, 0),
      distinctRows: walks.filter((w) => w > 0).length,
    });
    frontier = reached;
  }
  return { start, maxHops, distance, steps };
}

/** Friends of friends, the classic recommendation: people exactly two hops away (not friends already, not the start). */
export function friendsOfFriends(g: Graph, start: number): number[] {
  const t = traverse(g, start, 2);
  return t.distance.flatMap((d, i) => (d === 2 ? [i] : []));
}

/** The small social graph the widget starts with: twelve people, eighteen friendships. */
export const SAMPLE_GRAPH: Graph = {
  people: ["Ana", "Ben", "Chen", "Dara", "Eli", "Fatima", "Goran", "Hana", "Ivo", "Jun", "Kofi", "Lea"],
  edges: [
    [0, 1], [0, 2], [0, 3], [1, 2], [1, 4], [2, 5], [3, 5], [3, 6], [4, 7],
    [5, 7], [5, 8], [6, 9], [7, 10], [8, 9], [8, 11], [9, 10], [10, 11], [4, 6],
  ],
};

/** The sample graph with a celebrity (a thirteenth person) followed by everyone else: a supernode. */
export function withSupernode(g: Graph, name = "Star"): Graph {
  const id = g.people.length;
  return { people: [...g.people, name], edges: [...g.edges, ...g.people.map((_, i) => [i, id] as [number, number])] };
}
