import { describe, expect, it } from "vitest";
import { circleLayout, communicationPaths, completeGraphEdges, describePaths, MAX_DRAWN_PEOPLE, splitIntoTeams } from "@/lib/teams/communication-paths";

describe("communicationPaths", () => {
  it("is n(n − 1)/2: 0, 0, 1, 10, 45, 1225", () => {
    expect([0, 1, 2, 5, 10, 50].map(communicationPaths)).toEqual([0, 0, 1, 10, 45, 1225]);
  });

  it("grows quadratically: adding the n-th person adds n − 1 channels", () => {
    for (let n = 1; n < 40; n++) expect(communicationPaths(n + 1) - communicationPaths(n)).toBe(n);
  });

  it("refuses a negative or fractional headcount with a message naming it", () => {
    expect(() => communicationPaths(-1)).toThrow(/people must be a whole number of at least 0 \(got -1\)/);
    expect(() => communicationPaths(2.5)).toThrow(RangeError);
  });
});

describe("splitIntoTeams", () => {
  it("24 people in teams of 6: 4 teams, 60 channels inside and 6 between, against 276 for everyone", () => {
    expect(splitIntoTeams(24, 6)).toEqual({ teams: 4, sizes: [6, 6, 6, 6], withinTeams: 60, betweenTeams: 6, total: 66 });
    expect(communicationPaths(24)).toBe(276);
  });

  it("spreads a remainder evenly and keeps every person in exactly one team", () => {
    const s = splitIntoTeams(20, 6);
    expect(s.sizes).toEqual([5, 5, 5, 5]);
    const t = splitIntoTeams(13, 6);
    expect(t.sizes).toEqual([5, 4, 4]);
    for (let n = 1; n <= 40; n++) for (let k = 1; k <= 12; k++) {
      const split = splitIntoTeams(n, k);
      expect(split.sizes.reduce((a, b) => a + b, 0)).toBe(n);
      expect(Math.max(...split.sizes)).toBeLessThanOrEqual(k);
      expect(split.total).toBeLessThanOrEqual(communicationPaths(n) + communicationPaths(split.teams));
    }
  });

  it("one team is the whole group: no channels between teams", () => {
    expect(splitIntoTeams(5, 8)).toEqual({ teams: 1, sizes: [5], withinTeams: 10, betweenTeams: 0, total: 10 });
  });
});

describe("drawing helpers", () => {
  it("a complete graph on k nodes has k(k − 1)/2 distinct edges", () => {
    for (const k of [0, 1, 4, MAX_DRAWN_PEOPLE]) {
      const edges = completeGraphEdges(k);
      expect(edges).toHaveLength(communicationPaths(k));
      expect(new Set(edges.map(([i, j]) => `${i}-${j}`)).size).toBe(edges.length);
      expect(edges.every(([i, j]) => i < j && j < k)).toBe(true);
    }
  });

  it("places points on the circle, the first at the top", () => {
    const points = circleLayout(4, 100, 100, 50);
    expect(points[0]!.x).toBeCloseTo(100);
    expect(points[0]!.y).toBeCloseTo(50);
    for (const p of points) expect(Math.hypot(p.x - 100, p.y - 100)).toBeCloseTo(50);
  });
});

describe("describePaths", () => {
  it("names the count, the split and the cap on the drawing", () => {
    expect(describePaths(5, 6)).toBe("5 people: 10 pairwise channels.");
    expect(describePaths(24, 6)).toBe(
      "24 people: 276 pairwise channels. Split into 4 teams of 6 that talk through one agreed interface per pair of teams: 66 (60 inside teams, 6 between them). The drawing shows 16 of them (120 lines).",
    );
    expect(describePaths(2, 6)).toBe("2 people: 1 pairwise channel.");
  });
});
