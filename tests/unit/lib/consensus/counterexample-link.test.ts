// The counterexample link: what it writes reads back, and anything else is refused with a message
// naming the wrong part (never thrown, never turned into settings).
import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, formatCounterexampleParam, parseCounterexampleParam } from "@/lib/consensus/counterexample-link";

describe("counterexample link", () => {
  it("round-trips every setting", () => {
    const settings = { servers: 2, commitRule: "current-term", voteRestriction: "none", maxTerm: 3, maxCrashes: 1 } as const;
    expect(formatCounterexampleParam(settings)).toBe("2.current-term.none.3.1");
    expect(parseCounterexampleParam("2.current-term.none.3.1")).toEqual({ ok: true, settings });
    expect(parseCounterexampleParam(formatCounterexampleParam(DEFAULT_SETTINGS))).toEqual({ ok: true, settings: DEFAULT_SETTINGS });
  });

  it.each([
    ["3.any-term", /5 parts.*has 2/],
    ["7.any-term.up-to-date.4.0", /Servers must be 2 or 3.*"7"/],
    ["3.sometimes.up-to-date.4.0", /commit rule.*"sometimes"/],
    ["3.any-term.__proto__.4.0", /vote rule.*"__proto__"/],
    ["3.any-term.up-to-date.9.0", /highest term must be 2 or 3 or 4/],
    ["3.any-term.up-to-date.4.2", /Crashes must be 0 or 1/],
    ["3.any-term.up-to-date.4.0x", /Crashes.*"0x"/],
    ["3.".repeat(40), /too long/],
  ])("refuses %s with a message naming the problem", (raw, message) => {
    const parsed = parseCounterexampleParam(raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });
});
