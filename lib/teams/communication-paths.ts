/**
 * Coordination cost: n people who may all talk to each other have n(n − 1)/2 pairwise channels, so
 * the channels grow with the square of the headcount while the work grows linearly. Splitting the
 * people into teams that talk to each other through one agreed interface per pair of teams keeps
 * most channels inside small teams. Pure functions behind the communication-paths widget.
 */

/** Largest number of people the widget draws as a complete graph; the count goes further. */
export const MAX_DRAWN_PEOPLE = 16;

function checkCount(name: string, n: number, min: number): void {
  if (!Number.isInteger(n) || n < min) throw new RangeError(`${name} must be a whole number of at least ${min} (got ${String(n)})`);
}

/** Pairwise communication channels among n people: n(n − 1)/2. */
export function communicationPaths(people: number): number {
  checkCount("people", people, 0);
  return people < 2 ? 0 : (people * (people - 1)) / 2;
}

/** Channels when the people are split into teams of at most `teamSize`, with one channel per pair of teams. */
export interface TeamSplit {
  teams: number;
  /** Sizes of the teams, as even as possible (largest first). */
  sizes: number[];
  /** Channels inside teams: the sum of s(s − 1)/2. */
  withinTeams: number;
  /** One channel per pair of teams (an agreed API or a named contact): t(t − 1)/2. */
  betweenTeams: number;
  total: number;
}

/** Splits `people` into ceil(people / teamSize) teams of nearly equal size and counts their channels. */
export function splitIntoTeams(people: number, teamSize: number): TeamSplit {
  checkCount("people", people, 1);
  checkCount("teamSize", teamSize, 1);
  const teams = Math.ceil(people / teamSize);
  const base = Math.floor(people / teams);
  const extra = people % teams;
  const sizes = Array.from({ length: teams }, (_, i) => base + (i < extra ? 1 : 0));
  const withinTeams = sizes.reduce((sum, s) => sum + communicationPaths(s), 0);
  const betweenTeams = communicationPaths(teams);
  return { teams, sizes, withinTeams, betweenTeams, total: withinTeams + betweenTeams };
}

/** Points evenly spaced on a circle, the first at the top, clockwise. */
export function circleLayout(count: number, cx: number, cy: number, radius: number): { x: number; y: number }[] {
  checkCount("count", count, 0);
  return Array.from({ length: count }, (_, i) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(count, 1);
    return { x: cx + radius * Math.cos(angle), y: cy + radius * Math.sin(angle) };
  });
}

/** Every pair (i, j) with i < j: the edges of the complete graph on `count` nodes. */
export function completeGraphEdges(count: number): [number, number][] {
  checkCount("count", count, 0);
  const edges: [number, number][] = [];
  for (let i = 0; i < count; i++) for (let j = i + 1; j < count; j++) edges.push([i, j]);
  return edges;
}

/** The sentence the widget announces when the headcount changes. */
export function describePaths(people: number, teamSize: number): string {
  const all = communicationPaths(people);
  const split = splitIntoTeams(people, teamSize);
  const drawn = Math.min(people, MAX_DRAWN_PEOPLE);
  const drawing = drawn < people ? ` The drawing shows ${drawn} of them (${communicationPaths(drawn)} lines).` : "";
  const teams =
    split.teams > 1
      ? ` Split into ${split.teams} teams of ${split.sizes.at(-1) === split.sizes[0] ? split.sizes[0] : `${split.sizes.at(-1)}–${split.sizes[0]}`} that talk through one agreed interface per pair of teams: ${split.total} (${split.withinTeams} inside teams, ${split.betweenTeams} between them).`
      : "";
  return `${people} people: ${all} pairwise ${all === 1 ? "channel" : "channels"}.${teams}${drawing}`;
}
