"use client";
/**
 * <EventReplay>: a day's order log folded into state. The learner picks how far to replay, how often
 * a snapshot is taken and whether the handler reads the clock; the strip shows which events a
 * rebuild applies (only those since the newest snapshot), the table the orders at that point, and a
 * live sentence says the cost and whether replaying later gives the same state. Pure logic in
 * lib/event-sourcing/event-store.ts; native inputs only, no animation.
 */
import { useId, useMemo, useState } from "react";
import { checkReplay, describeEvent, generateLog, rebuild, revenueByRestaurant, takeSnapshots, type HandlerKind } from "@/lib/event-sourcing/event-store";
import { color } from "@/components/mechanisms/palette";
import { GeoFrame, px2, RangeField, Toggle } from "@/components/geo/widget-parts";

export interface EventReplayProps {
  /** Events in the log (default 60). */
  events?: number;
  /** Snapshot interval to start with, 0 = none (default 10). */
  every?: number;
  /** Start with the clock-reading handler (default false). */
  clockReading?: boolean;
}

const INTERVALS = [0, 5, 10, 20];
const euros = (cents: number) => `€${(cents / 100).toFixed(2)}`;
const clockTime = (min: number) => `${String(11 + Math.floor(min / 60)).padStart(2, "0")}:${String(min % 60).padStart(2, "0")}`;

export function EventReplay({ events = 60, every = 10, clockReading = false }: EventReplayProps) {
  const log = useMemo(() => generateLog(events, 11), [events]);
  const [upTo, setUpTo] = useState(events);
  const [intervalIndex, setIntervalIndex] = useState(Math.max(0, INTERVALS.indexOf(every)));
  const [clock, setClock] = useState(clockReading);
  const tableId = useId();
  const n = INTERVALS[intervalIndex];
  const handler: HandlerKind = clock ? "clock-reading" : "deterministic";
  const snaps = useMemo(() => (n > 0 ? takeSnapshots(log, n) : []), [log, n]);
  const result = useMemo(() => rebuild(log, snaps, upTo), [log, snaps, upTo]);
  const check = useMemo(() => checkReplay(log.slice(0, upTo), handler, 60), [log, upTo, handler]);
  const revenue = revenueByRestaurant(result.state);
  const orders = Object.entries(result.state);
  const v1Count = log.slice(0, upTo).filter((e) => e.version === 1).length;

  const cost = result.fromSeq > 0 ? `starts from the snapshot taken after event ${result.fromSeq} and applies ${result.applied} event${result.applied === 1 ? "" : "s"}` : `has no snapshot to start from and applies all ${result.applied} events`;
  const verdict = check.diverged
    ? `Replayed an hour later, the clock-reading handler gives a different state from event ${check.firstDivergentSeq} on (${check.ordersDiffering.length} order${check.ordersDiffering.length === 1 ? "" : "s"} with another delivery estimate): flagged.`
    : "Replayed an hour later, every order comes out the same.";
  const summary = `Rebuilding the state after event ${upTo} ${cost}; a full replay would apply ${upTo}. ${v1Count} of these events are stored in version 1 and upcast as they are read. ${verdict}`;

  const W = 320;
  const cell = W / events;
  return (
    <GeoFrame title="Replaying an order log: snapshots, upcasting and a handler that reads the clock" testId="event-replay">
      <div className="flex flex-wrap gap-x-4 gap-y-2">
        <RangeField label="Rebuild the state after event" value={upTo} min={1} max={events} onChange={setUpTo} format={(v) => `#${v}`} testId="replay-upto" />
        <RangeField label="Snapshot every" value={intervalIndex} min={0} max={INTERVALS.length - 1} onChange={setIntervalIndex} format={(i) => (INTERVALS[i] === 0 ? "never" : `${INTERVALS[i]} events`)} testId="replay-every" />
      </div>
      <div className="mt-2">
        <Toggle label="The courier handler reads the clock for its delivery estimate" checked={clock} onChange={setClock} testId="replay-clock" />
      </div>
      <svg viewBox={`0 0 ${W} 30`} className="mt-3 h-auto w-full max-w-[520px]" role="img" aria-label={`The log as ${events} cells: ${result.applied} replayed after the snapshot at event ${result.fromSeq}, snapshots marked every ${n || "—"} events.`}>
        {log.map((e, i) => {
          const replayed = e.seq > result.fromSeq && e.seq <= upTo;
          const covered = e.seq <= result.fromSeq;
          const fill = replayed ? color.bad : covered ? color.ok : color.muted;
          return <rect key={e.seq} x={px2(i * cell + 0.5)} y={8} width={px2(Math.max(cell - 1, 0.5))} height={14} fill={fill} opacity={e.seq <= upTo ? 1 : 0.25} />;
        })}
        {snaps.map((s) => (
          <line key={s.seq} x1={px2(s.seq * cell)} x2={px2(s.seq * cell)} y1={4} y2={26} stroke={color.fg} strokeWidth={1} />
        ))}
      </svg>
      <p className="mt-1 text-xs text-muted">Green: inside the snapshot · red: replayed · vertical line: a snapshot · grey: after the chosen event.</p>
      <p className="mt-2 text-sm" aria-live="polite" data-testid="replay-summary">
        {summary}
      </p>
      <div className="mt-2 overflow-x-auto">
        <table className="w-full min-w-[20rem] text-left text-xs" data-testid="replay-orders">
          <caption className="sr-only">Orders after event {upTo}</caption>
          <thead>
            <tr className="border-b border-line">
              <th scope="col" className="py-1 pr-2">order</th>
              <th scope="col" className="py-1 pr-2">restaurant</th>
              <th scope="col" className="py-1 pr-2">status</th>
              <th scope="col" className="py-1 pr-2 text-right">total</th>
              <th scope="col" className="py-1 text-right">delivery estimate</th>
            </tr>
          </thead>
          <tbody>
            {orders.map(([id, o]) => (
              <tr key={id} className="border-b border-line/60">
                <th scope="row" className="py-1 pr-2 font-normal">{id}</th>
                <td className="py-1 pr-2">{o.restaurant}</td>
                <td className="py-1 pr-2">{o.status}</td>
                <td className="py-1 pr-2 text-right font-mono">{euros(o.totalCents)}</td>
                <td className="whitespace-nowrap py-1 text-right font-mono">{o.etaMin === null ? "–" : clockTime(o.etaMin)}{check.ordersDiffering.includes(id) ? " ≠ replay" : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="mt-2 text-xs text-muted" data-testid="replay-revenue">
        Read model, revenue per restaurant (paid orders): {Object.entries(revenue).map(([r, c]) => `${r} ${euros(c)}`).join(", ")}.
      </p>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-muted">Show the log as a table</summary>
        <table id={tableId} className="mt-1 w-full text-left text-xs" data-testid="replay-log">
          <caption className="sr-only">The order log up to event {upTo}, as stored</caption>
          <thead>
            <tr className="border-b border-line">
              <th scope="col" className="py-1 pr-2">#</th>
              <th scope="col" className="py-1 pr-2">time</th>
              <th scope="col" className="py-1 pr-2">event</th>
              <th scope="col" className="py-1">in a rebuild</th>
            </tr>
          </thead>
          <tbody>
            {log.slice(0, upTo).map((e) => (
              <tr key={e.seq} className="border-b border-line/60">
                <td className="py-1 pr-2 font-mono">{e.seq}</td>
                <td className="py-1 pr-2 font-mono">{clockTime(e.atMin)}</td>
                <td className="py-1 pr-2">{describeEvent(e)}</td>
                <td className="py-1">{e.seq > result.fromSeq ? "replayed" : "in the snapshot"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </GeoFrame>
  );
}
