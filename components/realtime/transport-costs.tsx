"use client";
/**
 * <TransportCosts>: what pushing the same updates costs over short polling, long polling, SSE and
 * WebSockets. The learner sets clients, update rate, payload, poll interval and header size; bars
 * split each transport's bytes per second into payload and overhead, a table lists requests, bytes,
 * messages per update and the worst wait, and a live sentence compares polling with WebSockets.
 * Logic in lib/realtime/transports.ts; native inputs only, no animation.
 */
import { useState } from "react";
import { DEFAULT_ASSUMPTIONS, formatBytes, formatBytesPerSec, formatDelay, formatRate, transportCosts, withAssumptions, type TransportId } from "@/lib/realtime/transports";
import { color, labelSize } from "@/components/mechanisms/palette";
import { GeoFrame, RangeField, px2 } from "@/components/geo/widget-parts";

export const CLIENT_STEPS = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000] as const;
export const RATE_STEPS: readonly { perSec: number; label: string; short: string }[] = [
  { perSec: 1 / 60, label: "1 a minute", short: "1/min" },
  { perSec: 0.1, label: "1 every 10 s", short: "1 per 10 s" },
  { perSec: 1, label: "1 a second", short: "1/s" },
  { perSec: 5, label: "5 a second", short: "5/s" },
  { perSec: 20, label: "20 a second", short: "20/s" },
  { perSec: 60, label: "60 a second", short: "60/s" },
];
export const PAYLOAD_STEPS = [16, 100, 200, 1000, 4000, 100_000] as const;
export const POLL_STEPS = [0.5, 1, 2, 5, 10, 30] as const;

export interface TransportCostsProps {
  /** Index into CLIENT_STEPS (default 4: 10,000 clients). */
  clients?: number;
  /** Index into RATE_STEPS (default 2: one a second). */
  rate?: number;
  /** Index into PAYLOAD_STEPS (default 1: 100 B). */
  payload?: number;
  /** Index into POLL_STEPS (default 3: every 5 s). */
  poll?: number;
}

const barColor: Record<TransportId, string> = { polling: color.bad, "long-polling": color.warn, sse: color.note, websocket: color.ok };

export function TransportCosts({ clients: c0 = 4, rate: r0 = 2, payload: p0 = 1, poll: t0 = 3 }: TransportCostsProps) {
  const [ci, setCi] = useState(c0);
  const [ri, setRi] = useState(r0);
  const [pi, setPi] = useState(p0);
  const [ti, setTi] = useState(t0);
  const [headers, setHeaders] = useState<number>(DEFAULT_ASSUMPTIONS.headerBytesPerExchange);
  const n = CLIENT_STEPS[ci];
  const rate = RATE_STEPS[ri];
  const payload = PAYLOAD_STEPS[pi];
  const poll = POLL_STEPS[ti];
  const rows = transportCosts(withAssumptions({ clients: n, updatesPerSec: rate.perSec, payloadBytes: payload, pollIntervalS: poll, headerBytesPerExchange: headers }));
  const by = Object.fromEntries(rows.map((r) => [r.id, r])) as Record<TransportId, (typeof rows)[number]>;
  const ratio = by.polling.bytesPerSec / by.websocket.bytesPerSec;
  const empty = by.polling.requestsPerSec > 0 ? by.polling.emptyResponsesPerSec / by.polling.requestsPerSec : 0;
  const summary =
    `${n.toLocaleString("en")} client${n === 1 ? "" : "s"} each getting ${rate.label.replace(/^1 /, "one update ").replace(/^(\d+) a/, "$1 updates a")} of ${formatBytes(payload)}: ` +
    `polling every ${formatDelay(poll)} makes ${formatRate(by.polling.requestsPerSec)} requests/s${empty > 0 ? ` (${Math.round(empty * 100)}% of them find nothing)` : ""} and moves ${formatBytesPerSec(by.polling.bytesPerSec)}, ` +
    `${ratio >= 1.05 ? `${ratio >= 10 ? Math.round(ratio).toLocaleString("en") : ratio.toFixed(1)} times` : "about"} what WebSockets move (${formatBytesPerSec(by.websocket.bytesPerSec)}), and an update can wait up to ${formatDelay(poll)} for the next poll. ` +
    `Long polling makes ${formatRate(by["long-polling"].requestsPerSec)} requests/s and holds ${n.toLocaleString("en")} open.`;

  const W = 340;
  const left = 92;
  const max = Math.max(...rows.map((r) => r.bytesPerSec), 1);
  const barW = (b: number) => (b / max) * (W - left - 64);

  return (
    <GeoFrame title="Polling, long polling, SSE and WebSockets: the same updates, four bills" testId="transport-costs">
      <div className="flex flex-wrap gap-x-4 gap-y-2">
        <RangeField label="Clients" value={ci} min={0} max={CLIENT_STEPS.length - 1} onChange={setCi} format={(i) => CLIENT_STEPS[i].toLocaleString("en")} testId="transport-clients" />
        <RangeField label="Updates per client" value={ri} min={0} max={RATE_STEPS.length - 1} onChange={setRi} format={(i) => RATE_STEPS[i].short} testId="transport-rate" />
        <RangeField label="Payload per update" value={pi} min={0} max={PAYLOAD_STEPS.length - 1} onChange={setPi} format={(i) => formatBytes(PAYLOAD_STEPS[i])} testId="transport-payload" />
        <RangeField label="Poll interval" value={ti} min={0} max={POLL_STEPS.length - 1} onChange={setTi} format={(i) => formatDelay(POLL_STEPS[i])} testId="transport-poll" />
        <RangeField label="HTTP headers per request + response" value={headers} min={100} max={4000} step={100} onChange={setHeaders} format={(v) => `${v.toLocaleString("en")} B`} testId="transport-headers" />
      </div>
      <svg viewBox={`0 0 ${W} 112`} className="mt-3 h-auto w-full max-w-[480px]" fontSize={labelSize} role="img" aria-label={`Bytes per second by transport: ${rows.map((r) => `${r.name} ${formatBytesPerSec(r.bytesPerSec)}, of which ${formatBytesPerSec(r.overheadBytesPerSec)} overhead`).join("; ")}.`}>
        <text x={0} y={11} fill={color.fg} fontWeight={600}>
          bytes/s, all clients
        </text>
        <rect x={W - 140} y={2} width={10} height={10} fill={color.muted} />
        <text x={W - 126} y={11} fill={color.muted}>payload</text>
        <rect x={W - 72} y={2} width={10} height={10} fill="none" stroke={color.fg} strokeDasharray="2 2" />
        <text x={W - 58} y={11} fill={color.muted}>overhead</text>
        {rows.map((r, i) => {
          const y = 24 + i * 22;
          const wPay = barW(r.bytesPerSec - r.overheadBytesPerSec);
          const wAll = barW(r.bytesPerSec);
          return (
            <g key={r.id}>
              <text x={0} y={y + 10} fill={color.fg}>
                {r.name === "Server-sent events" ? "SSE" : r.name}
              </text>
              <rect x={left} y={y} width={px2(Math.max(wAll, 1))} height={13} fill="none" stroke={barColor[r.id]} strokeDasharray="2 2" />
              <rect x={left} y={y} width={px2(Math.max(wPay, 1))} height={13} fill={barColor[r.id]} />
              <text x={px2(left + Math.max(wAll, 1) + 4)} y={y + 10} fill={color.muted}>
                {formatBytesPerSec(r.bytesPerSec)}
              </text>
            </g>
          );
        })}
      </svg>
      <div className="mt-2 overflow-x-auto">
        <table className="w-full min-w-[22rem] text-left text-xs" data-testid="transport-table">
          <caption className="sr-only">Cost of each transport for the settings above</caption>
          <thead>
            <tr className="border-b border-line">
              <th scope="col" className="py-1 pr-2">transport</th>
              <th scope="col" className="py-1 pr-2 text-right">requests/s</th>
              <th scope="col" className="py-1 pr-2 text-right">bytes/s</th>
              <th scope="col" className="py-1 pr-2 text-right">bytes per update</th>
              <th scope="col" className="py-1 pr-2 text-right">messages per update</th>
              <th scope="col" className="py-1 pr-2 text-right">worst wait</th>
              <th scope="col" className="py-1 text-right">held open</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className="border-b border-line/60" data-testid={`transport-row-${r.id}`}>
                <th scope="row" className="py-1 pr-2 font-normal">{r.name}</th>
                <td className="whitespace-nowrap py-1 pr-2 text-right font-mono">{formatRate(r.requestsPerSec)}</td>
                <td className="whitespace-nowrap py-1 pr-2 text-right font-mono">{formatBytesPerSec(r.bytesPerSec)}</td>
                <td className="whitespace-nowrap py-1 pr-2 text-right font-mono">{formatBytes(r.bytesPerUpdate)}</td>
                <td className="whitespace-nowrap py-1 pr-2 text-right font-mono">{formatRate(r.messagesPerUpdate)}</td>
                <td className="whitespace-nowrap py-1 pr-2 text-right font-mono">{formatDelay(r.worstDelayS)}</td>
                <td className="whitespace-nowrap py-1 text-right font-mono">{r.heldOpen.toLocaleString("en")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="mt-3 text-sm" aria-live="polite" data-testid="transport-summary">
        {summary}
      </p>
      <details className="mt-2 text-sm" open>
        <summary className="cursor-pointer text-muted">Assumptions behind the numbers</summary>
        <ul className="mt-1 list-disc pl-5 text-xs">
          <li>
            <strong>HTTP headers:</strong> {headers.toLocaleString("en")} B per request and its response, paid on every poll. The default 700 B assumes a browser GET with a session cookie (about 500 B) and a small JSON response&apos;s headers (about 200 B), HTTP/1.1 without compression. Cookies and tracing headers push it past 1–2 kB; HTTP/2&apos;s HPACK sends repeated headers as short table references, so there it shrinks a lot.
          </li>
          <li>
            <strong>Long polling:</strong> the server holds a request up to {DEFAULT_ASSUMPTIONS.holdTimeoutS} s, then answers empty; after each answer the client is one round trip ({formatDelay(DEFAULT_ASSUMPTIONS.rttS)}) away from its next request, and updates arriving meanwhile wait and go out together.
          </li>
          <li>
            <strong>SSE:</strong> {DEFAULT_ASSUMPTIONS.sseFramingBytes} B of framing per event (an <code>id:</code> line, <code>data: </code> and the blank line). <strong>WebSocket:</strong> a server frame header of 2 B up to 125 B of payload, 4 B up to 65,535 B, 10 B above (RFC 6455 §5.2).
          </li>
          <li>Updates are evenly spaced. Application bytes only: TCP/IP, TLS and connection set-up, heartbeats and reconnections are left out. Worst wait is the extra delay on top of the one-way network trip.</li>
        </ul>
      </details>
    </GeoFrame>
  );
}
