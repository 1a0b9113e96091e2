/**
 * The cost of pushing updates to browsers over four transports: short polling, long polling,
 * server-sent events and WebSockets. Pure arithmetic on stated assumptions, so a learner can check
 * every number by hand (the chapter's widget, components/realtime/transport-costs.tsx).
 *
 * Model (steady state, one server-wide view):
 * - `clients` clients each receive `updatesPerSec` updates of `payloadBytes` bytes, evenly spaced.
 * - Bytes count the application layer only: HTTP headers, SSE framing and WebSocket frame headers.
 *   TCP/IP, TLS records and connection set-up are left out (they are paid once per connection for
 *   SSE and WebSockets, and per request for polling without keep-alive).
 * - Short polling asks every `pollIntervalS`; a poll returns every update since the last one, or an
 *   empty response (headers only). Worst extra wait: one interval.
 * - Long polling holds each request until an update arrives or `holdTimeoutS` passes, then the client
 *   asks again at once. While a client is between requests (one round trip, `rttS`), new updates wait
 *   and go out together in the next response. Worst extra wait: one round trip.
 * - SSE: one long-lived response per client; each update is one event with `sseFramingBytes` of
 *   framing ("id: …", "data: " and the blank line). WebSocket: one server-to-client frame per update,
 *   whose header is 2, 4 or 10 bytes by payload length (RFC 6455 §5.2; server frames are unmasked).
 *   Neither waits for a request: the worst extra wait is 0.
 * Heartbeats and reconnections are left out of the rates (the chapter covers them separately).
 */

export type TransportId = "polling" | "long-polling" | "sse" | "websocket";

export interface TransportInputs {
  /** Connected clients. */
  clients: number;
  /** Updates each client receives per second (> 0). */
  updatesPerSec: number;
  /** Bytes of application payload per update. */
  payloadBytes: number;
  /** Short-polling interval, s. */
  pollIntervalS: number;
  /** Bytes of HTTP headers per request plus its response (HTTP/1.1, uncompressed). */
  headerBytesPerExchange: number;
  /** Network round trip, s (long polling's re-request gap). */
  rttS: number;
  /** Long polling: how long the server holds a request with nothing to send, s. */
  holdTimeoutS: number;
  /** SSE framing bytes per event. */
  sseFramingBytes: number;
}

/** The assumptions the widget states and uses unless the learner changes them. */
export const DEFAULT_ASSUMPTIONS = {
  /** A browser GET with a session cookie (~500 B) plus a short JSON response's headers (~200 B). */
  headerBytesPerExchange: 700,
  rttS: 0.1,
  holdTimeoutS: 30,
  /** "id: 1234567\n" (12) + "data: " (6) + "\n" ending the data line (1) + blank line "\n" (1). */
  sseFramingBytes: 20,
} as const;

export interface TransportCost {
  id: TransportId;
  name: string;
  /** HTTP requests per second across all clients (0 when no request is needed per update). */
  requestsPerSec: number;
  /** Responses per second that carry no update (polls that found nothing, long-poll timeouts). */
  emptyResponsesPerSec: number;
  /** Application bytes per second across all clients, both directions. */
  bytesPerSec: number;
  /** Of those, bytes that are not payload (headers, framing). */
  overheadBytesPerSec: number;
  /** Bytes on the wire per update delivered (bytesPerSec / updates delivered per second). */
  bytesPerUpdate: number;
  /** Messages (requests, responses, events or frames) per update delivered. */
  messagesPerUpdate: number;
  /** Worst extra wait between an update existing and it leaving the server, s. */
  worstDelayS: number;
  /** Connections (or pending requests) the server holds open between updates. */
  heldOpen: number;
}

/** RFC 6455 §5.2 header length of an unmasked (server-to-client) frame: 2, 4 or 10 bytes. */
export function websocketHeaderBytes(payloadBytes: number, masked = false): number {
  const base = payloadBytes <= 125 ? 2 : payloadBytes <= 65535 ? 4 : 10;
  return base + (masked ? 4 : 0);
}

function check(i: TransportInputs) {
  const positive: (keyof TransportInputs)[] = ["updatesPerSec", "pollIntervalS", "rttS", "holdTimeoutS"];
  for (const k of positive) if (!(i[k] > 0) || !Number.isFinite(i[k])) throw new Error(`${k} must be a positive number (got ${i[k]})`);
  const nonNegative: (keyof TransportInputs)[] = ["clients", "payloadBytes", "headerBytesPerExchange", "sseFramingBytes"];
  for (const k of nonNegative) if (!(i[k] >= 0) || !Number.isFinite(i[k])) throw new Error(`${k} must be zero or more (got ${i[k]})`);
  if (i.rttS >= i.holdTimeoutS) throw new Error(`rttS (${i.rttS}) must be shorter than holdTimeoutS (${i.holdTimeoutS})`);
}

/** Long-polling requests per second for one client (see the model above). */
export function longPollRequestsPerClient(updatesPerSec: number, rttS: number, holdTimeoutS: number): number {
  // Updates faster than one per round trip: the client is always re-asking and every response
  // carries whatever piled up, so it asks once per round trip.
  if (updatesPerSec >= 1 / rttS) return 1 / rttS;
  // Otherwise each gap between updates (1/r s) takes ceil(gap / hold) requests: the ones that time
  // out empty, then the one that carries the update.
  const gap = 1 / updatesPerSec;
  return updatesPerSec * Math.ceil(gap / holdTimeoutS - 1e-9);
}

/** Every transport's cost for the inputs, in the order polling, long polling, SSE, WebSocket. */
export function transportCosts(i: TransportInputs): TransportCost[] {
  check(i);
  const n = i.clients;
  const r = i.updatesPerSec;
  const p = i.payloadBytes;
  const updates = n * r; // updates delivered per second, server-wide
  const payload = updates * p;
  const per = (bytes: number) => (updates > 0 ? bytes / updates : 0);

  // Short polling.
  const pollReq = n / i.pollIntervalS;
  // Evenly spaced updates: with r·T < 1, a fraction r·T of polls carry one update; else all carry some.
  const pollEmpty = pollReq * Math.max(0, 1 - r * i.pollIntervalS);
  const pollOverhead = pollReq * i.headerBytesPerExchange;

  // Long polling.
  const lpReq = n * longPollRequestsPerClient(r, i.rttS, i.holdTimeoutS);
  const lpEmpty = r >= 1 / i.rttS ? 0 : lpReq - updates;
  const lpOverhead = lpReq * i.headerBytesPerExchange;

  // SSE and WebSocket: framing per update only.
  const sseOverhead = updates * i.sseFramingBytes;
  const wsOverhead = updates * websocketHeaderBytes(p);

  const row = (id: TransportId, name: string, requestsPerSec: number, emptyResponsesPerSec: number, overhead: number, messagesPerSec: number, worstDelayS: number, heldOpen: number): TransportCost => ({
    id,
    name,
    requestsPerSec,
    emptyResponsesPerSec,
    bytesPerSec: payload + overhead,
    overheadBytesPerSec: overhead,
    bytesPerUpdate: per(payload + overhead),
    messagesPerUpdate: updates > 0 ? messagesPerSec / updates : 0,
    worstDelayS,
    heldOpen,
  });

  return [
    row("polling", "Short polling", pollReq, pollEmpty, pollOverhead, 2 * pollReq, i.pollIntervalS, 0),
    row("long-polling", "Long polling", lpReq, lpEmpty, lpOverhead, 2 * lpReq, i.rttS, n),
    row("sse", "Server-sent events", 0, 0, sseOverhead, updates, 0, n),
    row("websocket", "WebSocket", 0, 0, wsOverhead, updates, 0, n),
  ];
}

/** The inputs with the stated assumptions filled in. */
export function withAssumptions(v: Pick<TransportInputs, "clients" | "updatesPerSec" | "payloadBytes" | "pollIntervalS"> & Partial<TransportInputs>): TransportInputs {
  return { ...DEFAULT_ASSUMPTIONS, ...v };
}

/** Bytes per second as a short human string: "512 B/s", "1.5 kB/s", "12 MB/s" (decimal units). */
export function formatBytesPerSec(b: number): string {
  return `${formatBytes(b)}/s`;
}

/** Bytes in decimal units with two or three significant figures. */
export function formatBytes(b: number): string {
  const units = ["B", "kB", "MB", "GB", "TB"];
  let v = b;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  const digits = u === 0 || v >= 100 ? 0 : v >= 10 ? 1 : 2;
  return `${Number(v.toFixed(digits)).toLocaleString("en")} ${units[u]}`;
}

/** A count per second with thousands separators, and one decimal below 10. */
export function formatRate(x: number): string {
  if (x === 0) return "0";
  if (x < 10) return Number(x.toFixed(x < 1 ? 2 : 1)).toLocaleString("en");
  return Math.round(x).toLocaleString("en");
}

/** A delay in s or ms. */
export function formatDelay(s: number): string {
  if (s === 0) return "none";
  return s < 1 ? `${Math.round(s * 1000)} ms` : `${Number(s.toFixed(1)).toLocaleString("en")} s`;
}
