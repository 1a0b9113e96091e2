"use client";
/**
 * Conway's law, hands on: the shop's services coloured by the team that owns them. Switch between
 * teams by layer and teams by capability, or move any service to another team, and the calls that
 * cross a team boundary are redrawn and counted. The logic is lib/teams/conway-map.ts; this file
 * only draws it. Keyboard: every control is a button or a select; the counts are announced.
 */
import { useId, useMemo, useState } from "react";
import { analyseOwnership, describeOwnership, matchingLayout, reassign, SHOP, TEAM_LAYOUTS, type Ownership, type TeamLayoutId } from "@/lib/teams/conway-map";

/** Fill and stroke per team: the theme's variables, so light and dark both hold. */
const teamColor: Record<string, { stroke: string; fill: string }> = {
  a: { stroke: "var(--fl-note)", fill: "var(--fl-note-soft)" },
  b: { stroke: "var(--fl-ok)", fill: "var(--fl-ok-soft)" },
  c: { stroke: "var(--fl-warn)", fill: "var(--fl-warn-soft)" },
  d: { stroke: "var(--fl-muted)", fill: "var(--fl-sunken)" },
};

const BOX_W = 92;
const BOX_H = 34;

export interface ConwayMapViewProps {
  /** The team layout shown first: "layers" (default) or "capabilities". */
  start?: TeamLayoutId;
}

export function ConwayMapView({ start = "layers" }: ConwayMapViewProps) {
  if (!(start in TEAM_LAYOUTS)) throw new Error(`<ConwayMapView> start must be "layers" or "capabilities" (got ${JSON.stringify(start)})`);
  const [owners, setOwners] = useState<Ownership>(() => ({ ...TEAM_LAYOUTS[start].owners }));
  const analysis = useMemo(() => analyseOwnership(SHOP, owners), [owners]);
  const layoutId = matchingLayout(owners);
  const roles = layoutId ? TEAM_LAYOUTS[layoutId].roles : {};
  const sentence = describeOwnership(SHOP, analysis);
  const titleId = useId();
  const byId = new Map(SHOP.services.map((s) => [s.id, s]));
  const crossing = new Set(analysis.crossTeamCalls.map((c) => `${c.from}>${c.to}`));
  const teamName = (t: string) => SHOP.teams.find((x) => x.id === t)?.name ?? t;
  const serviceLabel = (id: string) => byId.get(id)?.label ?? id;

  return (
    <figure role="group" aria-labelledby={titleId} className="not-prose my-6 rounded-2xl border border-line bg-surface px-4 py-4 sm:px-6" data-testid="conway-map-view">
      <figcaption id={titleId} className="text-xs font-semibold uppercase tracking-[0.08em] text-muted">
        One system, two ways to draw the teams
      </figcaption>
      <div className="mt-3 flex flex-wrap gap-2" role="group" aria-label="Team layout">
        {(Object.keys(TEAM_LAYOUTS) as TeamLayoutId[]).map((id) => (
          <button
            key={id}
            type="button"
            aria-pressed={layoutId === id}
            onClick={() => setOwners({ ...TEAM_LAYOUTS[id].owners })}
            className={`h-9 rounded-lg border px-3 text-sm font-medium ${layoutId === id ? "border-accent bg-accent text-on-accent" : "border-line bg-surface hover:border-accent hover:text-accent"}`}
            data-testid={`conway-layout-${id}`}
          >
            {TEAM_LAYOUTS[id].label}
          </button>
        ))}
        {!layoutId && <span className="self-center text-sm text-muted">Your own layout</span>}
      </div>

      <svg viewBox="0 0 360 250" className="mt-3 h-auto w-full max-w-[560px]" role="img" aria-label={`Service map. ${sentence}`} fontSize={11}>
        <defs>
          <marker id={`${titleId}-arrow`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" fill="var(--fl-muted)" />
          </marker>
          <marker id={`${titleId}-arrow-x`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" fill="var(--fl-accent)" />
          </marker>
        </defs>
        {["front end", "service", "database"].map((label, i) => (
          <text key={label} x={60 + i * 120} y={14} textAnchor="middle" fill="var(--fl-muted)">
            {label}
          </text>
        ))}
        {SHOP.calls.map((c) => {
          const a = byId.get(c.from)!;
          const b = byId.get(c.to)!;
          const cross = crossing.has(`${c.from}>${c.to}`);
          // Leave the boxes at their edges: horizontal calls from the side, vertical ones from top or bottom.
          const vertical = a.x === b.x;
          const dir = vertical ? Math.sign(b.y - a.y) : Math.sign(b.x - a.x);
          const x1 = vertical ? a.x + 14 : a.x + (dir * BOX_W) / 2;
          const y1 = vertical ? a.y + (dir * BOX_H) / 2 : a.y;
          const x2 = vertical ? b.x + 14 : b.x - (dir * BOX_W) / 2;
          const y2 = vertical ? b.y - (dir * BOX_H) / 2 : b.y;
          return (
            <line
              key={`${c.from}-${c.to}`}
              x1={x1}
              y1={y1}
              x2={x2}
              y2={y2}
              stroke={cross ? "var(--fl-accent)" : "var(--fl-muted)"}
              strokeWidth={cross ? 2.5 : 1.2}
              strokeDasharray={cross ? "5 3" : undefined}
              markerEnd={`url(#${titleId}-arrow${cross ? "-x" : ""})`}
              data-cross={cross || undefined}
            />
          );
        })}
        {SHOP.services.map((s) => {
          const team = owners[s.id]!;
          const { stroke, fill } = teamColor[team] ?? teamColor.d!;
          return (
            <g key={s.id} data-service={s.id} data-team={team}>
              <rect x={s.x - BOX_W / 2} y={s.y - BOX_H / 2} width={BOX_W} height={BOX_H} rx={7} fill={fill} stroke={stroke} strokeWidth={2} />
              <text x={s.x} y={s.y - 2} textAnchor="middle" fill="var(--fl-fg)" fontWeight={600}>
                {s.label}
              </text>
              <text x={s.x} y={s.y + 11} textAnchor="middle" fill="var(--fl-fg)" fontSize={9.5}>
                {teamName(team)}
              </text>
            </g>
          );
        })}
      </svg>

      <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm" aria-label="Legend">
        {SHOP.teams.filter((t) => analysis.servicesByTeam[t.id]).map((t) => (
          <li key={t.id} className="flex items-center gap-1.5">
            <span aria-hidden className="inline-block size-3 rounded-sm border-2" style={{ borderColor: teamColor[t.id]!.stroke, background: teamColor[t.id]!.fill }} />
            {t.name}
            {roles[t.id] ? ` (${roles[t.id]})` : ""}
          </li>
        ))}
        <li className="flex items-center gap-1.5">
          <svg aria-hidden width="22" height="8"><line x1="0" y1="4" x2="22" y2="4" stroke="var(--fl-accent)" strokeWidth="2.5" strokeDasharray="5 3" /></svg>
          call between teams
        </li>
      </ul>

      <p className="mt-3 rounded-lg bg-sunken px-3 py-2 text-sm leading-relaxed" role="status" aria-live="polite" data-testid="conway-summary">
        <strong className="font-semibold">{analysis.crossTeamCalls.length} of {SHOP.calls.length} calls cross a team boundary.</strong>{" "}
        {analysis.featureTeams.map((f, i) => (
          <span key={f.id}>
            {i > 0 ? "; " : ""}
            {f.label}: {f.teams.length === 1 ? `${teamName(f.teams[0]!)} alone` : f.teams.map(teamName).join(" + ")}
          </span>
        ))}
        . The busiest team owns {analysis.mostServicesPerTeam} services.
      </p>

      <details className="mt-3 text-sm">
        <summary className="cursor-pointer select-none font-medium text-accent">Move services between teams</summary>
        <div className="mt-2 grid grid-cols-1 gap-2 sm:grid-cols-3">
          {SHOP.services.map((s) => (
            <label key={s.id} className="flex items-center justify-between gap-2 rounded-lg border border-line px-2 py-1">
              <span>{s.label}</span>
              <select
                value={owners[s.id]}
                onChange={(e) => setOwners((o) => reassign(o, s.id, e.target.value))}
                className="h-8 rounded-md border border-line bg-surface px-1"
                aria-label={`Team that owns ${s.label}`}
                data-testid={`conway-owner-${s.id}`}
              >
                {SHOP.teams.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </div>
      </details>
      <p className="mt-2 text-sm text-muted">
        Calls between teams now:{" "}
        {analysis.crossTeamCalls.length ? analysis.crossTeamCalls.map((c) => `${serviceLabel(c.from)} → ${serviceLabel(c.to)}`).join(", ") : "none"}.
      </p>
    </figure>
  );
}
