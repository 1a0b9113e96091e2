/**
 * The bounded counterexample search over tiny Raft clusters: with a rule switched off it must find the
 * shortest trace that loses a committed entry; with both rules on it must exhaust the bounds and find
 * none; a state cap too small must say "undecided" rather than "none".
 */
import { describe, expect, it } from "vitest";
import { searchRaftCounterexample, type RaftSearchOptions } from "@/simulations/models/raft/raft-search";

const tiny: RaftSearchOptions = { servers: 3, commitRule: "current-term", voteRestriction: "up-to-date", maxTerm: 4, maxLog: 1, maxCrashes: 0, maxStates: 200_000 };

describe("raft counterexample search", () => {
  it("finds Figure 8 when a leader counts replicas of an older term's entry", () => {
    const r = searchRaftCounterexample({ ...tiny, commitRule: "any-term" });
    expect(r.kind).toBe("violation");
    if (r.kind !== "violation") return;
    expect(r.invariant).toBe("leader completeness");
    // Four terms are needed: leader 1 writes, leader 2 writes, leader 1 again copies its old entry to a
    // majority and calls it committed, then leader 2 wins term 4 with a newer last term.
    expect(r.trace).toHaveLength(13);
    expect(r.trace.some((s) => /copies entries 1\.\.1 .*commit index 1/.test(s))).toBe(true);
    expect(r.trace.at(-1)).toMatch(/term 4; r\d leads/);
  });

  it("finds the short trace when votes ignore how up to date the candidate's log is", () => {
    const r = searchRaftCounterexample({ ...tiny, voteRestriction: "none" });
    expect(r.kind).toBe("violation");
    if (r.kind !== "violation") return;
    expect(r.invariant).toBe("leader completeness");
    expect(r.trace).toEqual([
      "r1 times out and asks for votes in term 1",
      "r2 votes for r1 in term 1; r1 leads",
      "r1 takes a client write: entry 1 (term 1)",
      "r1 copies entries 1..1 to r3; commit index 1",
      "r2 times out and asks for votes in term 2",
      "r1 votes for r2 in term 2; r2 leads",
    ]);
    expect(searchRaftCounterexample({ ...tiny, voteRestriction: "none" })).toEqual(r);
  });

  it("finds none within the bounds with both rules on, having explored every state", () => {
    const r = searchRaftCounterexample(tiny);
    expect(r.kind).toBe("none");
    expect(r.statesExplored).toBeGreaterThan(10_000);
    expect(r.statesExplored).toBeLessThan(tiny.maxStates);
    expect(searchRaftCounterexample({ ...tiny, servers: 2, maxTerm: 3, maxCrashes: 1 }).kind).toBe("none");
  });

  it("says undecided, not none, when the state cap stops it first", () => {
    expect(searchRaftCounterexample({ ...tiny, maxStates: 500 })).toEqual({ kind: "undecided", statesExplored: 500 });
  });

  it("refuses configurations it was not built for, naming the problem", () => {
    expect(() => searchRaftCounterexample({ ...tiny, servers: 5 })).toThrow(/servers must be 2 or 3/);
    expect(() => searchRaftCounterexample({ ...tiny, maxStates: 0 })).toThrow(/maxStates/);
  });
});
