"use client";
/**
 * Coordination cost, hands on: a headcount slider, the number of pairwise channels n(n − 1)/2, the
 * complete graph drawn (up to MAX_DRAWN_PEOPLE people) and the same people split into teams that
 * talk through one interface per pair of teams. The arithmetic is lib/teams/communication-paths.ts.
 */
import { useId, useMemo, useState } from "react";
import { circleLayout, communicationPaths, completeGraphEdges, describePaths, MAX_DRAWN_PEOPLE, splitIntoTeams } from "@/lib/teams/communication-paths";

const MIN_PEOPLE = 2;
const MAX_PEOPLE = 50;

export interface CommunicationPathsViewProps {
  /** Headcount shown first (default 5, 2–50). */
  people?: number;
  /** Team size for the split (default 7, 2–12). */
  teamSize?: number;
}

function checked(prop: string, value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`<CommunicationPathsView> ${prop} must be a whole number from ${min} to ${max} (got ${JSON.stringify(value)})`);
  return value;
}

export function CommunicationPathsView(props: CommunicationPathsViewProps) {
  const [people, setPeople] = useState(() => checked("people", props.people, 5, MIN_PEOPLE, MAX_PEOPLE));
  const [teamSize, setTeamSize] = useState(() => checked("teamSize", props.teamSize, 7, 2, 12));
  const id = useId();
  const drawn = Math.min(people, MAX_DRAWN_PEOPLE);
  const points = useMemo(() => circleLayout(drawn, 110, 110, 92), [drawn]);
  const edges = useMemo(() => completeGraphEdges(drawn), [drawn]);
  const paths = communicationPaths(people);
  const split = splitIntoTeams(people, teamSize);
  const sentence = describePaths(people, teamSize);

  return (
    <figure role="group" aria-labelledby={`${id}-t`} className="not-prose my-6 rounded-2xl border border-line bg-surface px-4 py-4 sm:px-6" data-testid="communication-paths-view">
      <figcaption id={`${id}-t`} className="text-xs font-semibold uppercase tracking-[0.08em] text-muted">
        Who has to talk to whom
      </figcaption>
      <div className="mt-3 grid gap-4 sm:grid-cols-[220px_1fr] sm:items-center">
        <svg viewBox="0 0 220 220" className="mx-auto h-auto w-full max-w-[220px]" role="img" aria-label={`A complete graph of ${drawn} people with ${edges.length} lines${drawn < people ? `, standing for ${people} people` : ""}.`}>
          {edges.map(([i, j]) => (
            <line key={`${i}-${j}`} x1={points[i]!.x} y1={points[i]!.y} x2={points[j]!.x} y2={points[j]!.y} stroke="var(--fl-accent)" strokeOpacity={0.45} strokeWidth={1} />
          ))}
          {points.map((p, i) => (
            <circle key={i} cx={p.x} cy={p.y} r={6} fill="var(--fl-note-soft)" stroke="var(--fl-note)" strokeWidth={2} />
          ))}
        </svg>
        <div className="space-y-4">
          <div>
            <label htmlFor={`${id}-people`} className="flex items-baseline justify-between text-sm font-medium">
              <span>People who all work on one thing</span>
              <span className="tabular-nums">{people}</span>
            </label>
            <input id={`${id}-people`} type="range" min={MIN_PEOPLE} max={MAX_PEOPLE} step={1} value={people} onChange={(e) => setPeople(Number(e.target.value))} className="mt-1 w-full accent-[var(--fl-accent)]" data-testid="paths-people" />
          </div>
          <p className="text-3xl font-semibold tabular-nums" data-testid="paths-count">
            {paths.toLocaleString("en")} <span className="text-base font-normal text-muted">pairwise {paths === 1 ? "channel" : "channels"}</span>
          </p>
          <div>
            <label htmlFor={`${id}-team`} className="flex items-baseline justify-between text-sm font-medium">
              <span>Split into teams of at most</span>
              <span className="tabular-nums">{teamSize}</span>
            </label>
            <input id={`${id}-team`} type="range" min={2} max={12} step={1} value={teamSize} onChange={(e) => setTeamSize(Number(e.target.value))} className="mt-1 w-full accent-[var(--fl-accent)]" data-testid="paths-team-size" />
            <p className="mt-1 text-sm" data-testid="paths-split">
              {split.teams === 1
                ? "Everyone fits in one team."
                : `${split.teams} teams: ${split.withinTeams} channels inside teams + ${split.betweenTeams} between teams = ${split.total}.`}
            </p>
          </div>
          {drawn < people && <p className="text-xs text-muted">The drawing stops at {MAX_DRAWN_PEOPLE} people ({communicationPaths(MAX_DRAWN_PEOPLE)} lines); the numbers do not.</p>}
        </div>
      </div>
      <p className="sr-only" role="status" aria-live="polite" data-testid="paths-sentence">
        {sentence}
      </p>
    </figure>
  );
}
