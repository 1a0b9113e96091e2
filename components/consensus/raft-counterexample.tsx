"use client";
/**
 * <RaftCounterexample>: "find a counterexample". The learner switches Raft's two safety rules on or
 * off and sets tiny bounds (2–3 servers, a few terms, an optional crash); a breadth-first search over
 * every order of steps (simulations/models/raft/raft-search.ts, in a Web Worker) returns the SHORTEST
 * trace that breaks a safety property, or proves there is none within the bounds, or says it gave up.
 * The settings travel as a link (lib/consensus/counterexample-link.ts): the search is deterministic, so
 * the link reproduces the same trace. Native controls, a live status line, the trace as a list.
 */
import { useCallback, useEffect, useId, useRef, useState } from "react";
import type { RaftSearchResult } from "@/simulations";
import { COUNTEREXAMPLE_PARAM, DEFAULT_SETTINGS, FIXED_BOUNDS, SETTING_CHOICES, formatCounterexampleParam, parseCounterexampleParam, type CounterexampleSettings } from "@/lib/consensus/counterexample-link";
import { SearchCancelled, startRaftSearch, type RunningSearch } from "@/lib/consensus/raft-search-runner";
import { GeoFrame } from "@/components/geo/widget-parts";

type Phase = { kind: "idle" } | { kind: "searching"; states: number } | { kind: "done"; result: RaftSearchResult; settings: CounterexampleSettings } | { kind: "error"; message: string };

const RULE_TEXT = {
  commitRule: { "current-term": "Count replicas only for the leader's own term (Raft)", "any-term": "Count replicas of any term (rule off: Figure 8)" },
  voteRestriction: { "up-to-date": "Vote only for an up-to-date log (Raft)", none: "Vote for anyone (rule off)" },
} as const;

const count = (n: number) => n.toLocaleString("en");

export interface RaftCounterexampleProps {
  /** Settings to start with when the page's link carries none. */
  initial?: CounterexampleSettings;
}

export function RaftCounterexample({ initial = DEFAULT_SETTINGS }: RaftCounterexampleProps) {
  const id = useId();
  const [settings, setSettings] = useState<CounterexampleSettings>(initial);
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [linkProblem, setLinkProblem] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const running = useRef<RunningSearch | null>(null);

  const run = useCallback((s: CounterexampleSettings) => {
    running.current?.cancel();
    setCopied(false);
    setPhase({ kind: "searching", states: 0 });
    const search = startRaftSearch({ ...s, ...FIXED_BOUNDS }, (states) => setPhase({ kind: "searching", states }));
    running.current = search;
    search.result.then(
      (result) => {
        if (running.current === search) setPhase({ kind: "done", result, settings: s });
      },
      (error: unknown) => {
        if (error instanceof SearchCancelled) return;
        if (running.current === search) setPhase({ kind: "error", message: error instanceof Error ? error.message : String(error) });
      },
    );
  }, []);

  // A link with settings: adopt them and run the search, so the link shows the same trace.
  useEffect(() => {
    const raw = new URLSearchParams(window.location.search).get(COUNTEREXAMPLE_PARAM);
    if (raw === null) return;
    const parsed = parseCounterexampleParam(raw);
    if (!parsed.ok) return setLinkProblem(`${parsed.message} The search below starts from its defaults.`);
    setSettings(parsed.settings);
    run(parsed.settings);
  }, [run]);

  useEffect(() => () => running.current?.cancel(), []);

  const cancel = () => {
    running.current?.cancel();
    running.current = null;
    setPhase({ kind: "idle" });
  };

  const link = (s: CounterexampleSettings) => {
    const url = new URL(window.location.href);
    url.searchParams.set(COUNTEREXAMPLE_PARAM, formatCounterexampleParam(s));
    url.hash = "raft-counterexample";
    return url.toString();
  };

  const copyLink = async (s: CounterexampleSettings) => {
    const href = link(s);
    try {
      await navigator.clipboard.writeText(href);
      setCopied(true);
    } catch {
      window.prompt("Copy this link:", href);
    }
  };

  const set = <K extends keyof CounterexampleSettings>(key: K, value: CounterexampleSettings[K]) => {
    setSettings((s) => ({ ...s, [key]: value }));
    if (phase.kind === "done" || phase.kind === "error") setPhase({ kind: "idle" });
  };

  const searching = phase.kind === "searching";
  return (
    <GeoFrame title="Find a counterexample: the shortest run that breaks Raft's safety" testId="raft-counterexample">
      <div id="raft-counterexample" className="scroll-mt-24" />
      {linkProblem && (
        <p role="alert" className="mb-2 rounded-md border border-accent/60 px-3 py-2 text-sm" data-testid="raft-cx-link-problem">
          ⚠ {linkProblem}
        </p>
      )}
      <div className="grid gap-3 sm:grid-cols-2">
        {(["commitRule", "voteRestriction"] as const).map((rule) => (
          <fieldset key={rule} className="min-w-0 text-sm">
            <legend className="mb-1 font-semibold">{rule === "commitRule" ? "Commit rule" : "Vote restriction"}</legend>
            {SETTING_CHOICES[rule].map((value) => (
              <label key={value} className="flex items-start gap-2 py-0.5">
                <input
                  type="radio"
                  name={`${id}-${rule}`}
                  className="mt-1 size-4 shrink-0 accent-[var(--fl-accent)]"
                  checked={settings[rule] === value}
                  disabled={searching}
                  onChange={() => set(rule, value as never)}
                  data-testid={`raft-cx-${rule}-${value}`}
                />
                <span>{(RULE_TEXT[rule] as Record<string, string>)[value]}</span>
              </label>
            ))}
          </fieldset>
        ))}
      </div>
      <div className="mt-3 flex flex-wrap items-end gap-4 text-sm">
        {(
          [
            ["servers", "Servers"],
            ["maxTerm", "Highest term"],
            ["maxCrashes", "Crash and restart"],
          ] as const
        ).map(([key, label]) => (
          <label key={key} className="flex flex-col gap-1">
            <span>{label}</span>
            <select
              className="h-9 rounded-md border border-line bg-surface px-2"
              value={settings[key]}
              disabled={searching}
              onChange={(e) => set(key, Number(e.target.value) as never)}
              data-testid={`raft-cx-${key}`}
            >
              {SETTING_CHOICES[key].map((n) => (
                <option key={n} value={n}>
                  {key === "maxCrashes" ? (n === 0 ? "none" : `up to ${n}`) : n}
                </option>
              ))}
            </select>
          </label>
        ))}
        <div className="flex gap-2">
          <button
            type="button"
            onClick={() => run(settings)}
            disabled={searching}
            className="inline-flex h-9 items-center rounded-lg bg-accent px-3.5 font-semibold text-on-accent hover:bg-accent-strong focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent disabled:opacity-60"
            data-testid="raft-cx-run"
          >
            Find a counterexample
          </button>
          {searching && (
            <button type="button" onClick={cancel} className="inline-flex h-9 items-center rounded-lg border border-line px-3" data-testid="raft-cx-cancel">
              Cancel
            </button>
          )}
        </div>
      </div>
      <p className="mt-2 text-xs text-muted">Bounds: logs of at most {FIXED_BOUNDS.maxLog} entry, at most {count(FIXED_BOUNDS.maxStates)} distinct states. A lost message is a step never taken.</p>
      <div role="status" aria-live="polite" className="mt-3 text-sm" data-testid="raft-cx-status" data-phase={phase.kind}>
        {phase.kind === "searching" && `Searching every order of steps… ${count(phase.states)} states so far.`}
        {phase.kind === "error" && `⚠ ${phase.message}`}
        {phase.kind === "done" && <Verdict result={phase.result} />}
      </div>
      {phase.kind === "done" && phase.result.kind === "violation" && <Trace trace={phase.result.trace} detail={phase.result.detail} />}
      {phase.kind === "done" && (
        <p className="mt-2 flex flex-wrap items-center gap-2 text-sm">
          <button type="button" onClick={() => void copyLink(phase.settings)} className="inline-flex h-8 items-center rounded-lg border border-line px-3" data-testid="raft-cx-copy">
            Copy a link to this search
          </button>
          <a className="underline underline-offset-2" href={link(phase.settings)} data-testid="raft-cx-link">
            link
          </a>
          {copied && <span className="text-muted">Copied: opening it runs the same search and shows the same trace.</span>}
        </p>
      )}
    </GeoFrame>
  );
}

function Trace({ trace, detail }: { trace: string[]; detail: string }) {
  return (
    <>
      <ol className="mt-2 list-decimal space-y-0.5 pl-6 text-sm" aria-label="The shortest trace, step by step" data-testid="raft-cx-trace">
        {trace.map((step, i) => (
          <li key={i} className={i === trace.length - 1 ? "font-semibold" : undefined}>
            {step}
          </li>
        ))}
      </ol>
      <p className="mt-2 text-sm">{detail}</p>
    </>
  );
}

function Verdict({ result }: { result: RaftSearchResult }) {
  if (result.kind === "violation")
    return (
      <span>
        <strong>Broken: {result.invariant}.</strong> The shortest trace has {result.trace.length} steps (found after {count(result.statesExplored)} states).
      </span>
    );
  if (result.kind === "none")
    return (
      <span>
        <strong>Safe within these bounds.</strong> Every reachable state ({count(result.statesExplored)}) was checked and none breaks a safety property. Bounds are not a proof for bigger clusters, but Raft&apos;s proof covers those.
      </span>
    );
  return (
    <span>
      <strong>Undecided.</strong> The search stopped at its cap of {count(result.statesExplored)} states without finding a violation; that is not a proof of safety. Lower the highest term or the crashes.
    </span>
  );
}
