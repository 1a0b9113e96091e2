/**
 * The Raft counterexample search's settings as a link. The search is deterministic, so a link that
 * carries the settings reproduces the same shortest trace on any machine: `?raft-cx=3.any-term.up-to-date.4.0`
 * (servers, commit rule, vote restriction, highest term, crashes). Parsing is strict: anything else is
 * refused with a message naming the part that is wrong, and the widget keeps its defaults.
 */
import type { RaftSearchOptions } from "@/simulations";

/** The query parameter the link uses. */
export const COUNTEREXAMPLE_PARAM = "raft-cx";

/** What the learner can set; the rest of RaftSearchOptions is fixed by the widget. */
export type CounterexampleSettings = Pick<RaftSearchOptions, "servers" | "commitRule" | "voteRestriction" | "maxTerm" | "maxCrashes">;

/** Figure 8 as the chapter tells it: three servers, the commit rule off, up to term 4. */
export const DEFAULT_SETTINGS: CounterexampleSettings = { servers: 3, commitRule: "any-term", voteRestriction: "up-to-date", maxTerm: 4, maxCrashes: 0 };

/** Bounds that keep a search in the browser to a few seconds (at most a few hundred thousand states). */
export const SETTING_CHOICES = {
  servers: [2, 3],
  commitRule: ["current-term", "any-term"],
  voteRestriction: ["up-to-date", "none"],
  maxTerm: [2, 3, 4],
  maxCrashes: [0, 1],
} as const;

/** Longest log and the state cap, the same for every search the widget runs. */
export const FIXED_BOUNDS = { maxLog: 1, maxStates: 400_000 } as const;

export function formatCounterexampleParam(s: CounterexampleSettings): string {
  return [s.servers, s.commitRule, s.voteRestriction, s.maxTerm, s.maxCrashes].join(".");
}

export type ParsedSettings = { ok: true; settings: CounterexampleSettings } | { ok: false; message: string };

/** Parses the link's value; never throws, never builds objects from keys it did not expect. */
export function parseCounterexampleParam(raw: string): ParsedSettings {
  if (raw.length > 64) return { ok: false, message: "The counterexample link is too long to be one of ours." };
  const parts = raw.split(".");
  if (parts.length !== 5) return { ok: false, message: `The counterexample link needs 5 parts separated by dots (servers.commit-rule.vote-rule.max-term.crashes); it has ${parts.length}.` };
  const [servers, commitRule, voteRestriction, maxTerm, maxCrashes] = parts as [string, string, string, string, string];
  const number = (text: string, allowed: readonly number[], what: string): number | string => {
    const n = /^\d$/.test(text) ? Number(text) : NaN;
    return allowed.includes(n) ? n : `${what} must be ${allowed.join(" or ")} (the link says "${text}").`;
  };
  const s = number(servers, SETTING_CHOICES.servers, "Servers");
  if (typeof s === "string") return { ok: false, message: s };
  if (!(SETTING_CHOICES.commitRule as readonly string[]).includes(commitRule)) return { ok: false, message: `The commit rule must be current-term or any-term (the link says "${commitRule}").` };
  if (!(SETTING_CHOICES.voteRestriction as readonly string[]).includes(voteRestriction)) return { ok: false, message: `The vote rule must be up-to-date or none (the link says "${voteRestriction}").` };
  const t = number(maxTerm, SETTING_CHOICES.maxTerm, "The highest term");
  if (typeof t === "string") return { ok: false, message: t };
  const c = number(maxCrashes, SETTING_CHOICES.maxCrashes, "Crashes");
  if (typeof c === "string") return { ok: false, message: c };
  return {
    ok: true,
    settings: { servers: s, commitRule: commitRule as CounterexampleSettings["commitRule"], voteRestriction: voteRestriction as CounterexampleSettings["voteRestriction"], maxTerm: t, maxCrashes: c },
  };
}
