/**
 * The consensus widgets MDX may use (content/README.md, "Interactive widgets"): server components
 * that check their props (a bad one fails the build naming the component and prop) and render a
 * lazily hydrated island (components/consensus).
 */
import { RaftCounterexampleIsland } from "@/components/consensus/islands";
import { DEFAULT_SETTINGS, SETTING_CHOICES, type CounterexampleSettings } from "@/lib/consensus/counterexample-link";

export interface RaftCounterexampleMdxProps {
  /** 2 or 3 (default 3). */
  servers?: number;
  /** "current-term" or "any-term" (default "any-term": Figure 8). */
  commitRule?: string;
  /** "up-to-date" or "none" (default "up-to-date"). */
  voteRestriction?: string;
  /** 2, 3 or 4 (default 4). */
  maxTerm?: number;
  /** 0 or 1 (default 0). */
  maxCrashes?: number;
}

function pick<K extends keyof CounterexampleSettings>(key: K, value: unknown): CounterexampleSettings[K] {
  if (value === undefined) return DEFAULT_SETTINGS[key];
  if (!(SETTING_CHOICES[key] as readonly unknown[]).includes(value)) throw new Error(`<RaftCounterexample> ${key} must be one of ${SETTING_CHOICES[key].join(", ")} (got ${JSON.stringify(value)})`);
  return value as CounterexampleSettings[K];
}

/** A bounded search over every order of steps in a tiny Raft cluster, returning the shortest unsafe trace. */
export function RaftCounterexample(props: RaftCounterexampleMdxProps) {
  const initial: CounterexampleSettings = {
    servers: pick("servers", props.servers),
    commitRule: pick("commitRule", props.commitRule),
    voteRestriction: pick("voteRestriction", props.voteRestriction),
    maxTerm: pick("maxTerm", props.maxTerm),
    maxCrashes: pick("maxCrashes", props.maxCrashes),
  };
  return <RaftCounterexampleIsland initial={initial} />;
}
