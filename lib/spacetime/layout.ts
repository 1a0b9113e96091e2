/**
 * The space-time (Lamport) diagram's geometry, for one time window: a horizontal lane per process
 * (time runs left to right), a mark per event on its lane, an arrow per message from its send to each
 * delivery (a dropped message ends in a cross between the lanes; one still in flight at the window's
 * end is cut there), crash and partition intervals as shaded bands, and client operations as bars
 * from invocation to answer under the client's lane.
 *
 * Only what lies in the window is laid out (found by binary search on time), so the cost follows the
 * window, not the run: a long run stays fast. Past `maxMarks` events the window is cut at its end
 * (the latest events are kept) and `truncated` says so.
 */
import type { LogEvent, Operation } from "@/simulations";
import type { ProtocolLog } from "./log-store";

export interface TimeWindow {
  startMs: number;
  endMs: number;
}

export interface LayoutSize {
  width: number;
  /** Left column for lane names. */
  gutter: number;
  laneHeight: number;
  /** Space above the first lane (axis labels). */
  top: number;
}

export const DEFAULT_SIZE: LayoutSize = { width: 800, gutter: 44, laneHeight: 34, top: 22 };

export interface Lane {
  id: string;
  y: number;
  role: "replica" | "client" | "process";
}

export interface Mark {
  event: LogEvent;
  x: number;
  y: number;
}

export type ArrowKind = "delivered" | "dropped" | "in-flight";

export interface Arrow {
  messageId: number;
  kind: ArrowKind;
  label: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** seq of the send and of the delivery or drop (absent when outside the kept log or in flight). */
  sendSeq?: number;
  endSeq?: number;
}

export interface Shade {
  kind: "crash" | "partition";
  x1: number;
  x2: number;
  y1: number;
  y2: number;
  label: string;
  /** Partition side index (for its tint); 0 for crashes. */
  group: number;
}

export type OpRole = "blocked" | "prefix" | "plain";

export interface OpBar {
  op: Operation;
  x1: number;
  x2: number;
  y: number;
  role: OpRole;
  /** Position in the linearizable prefix (1-based), for prefix ops. */
  order?: number;
}

export interface SpacetimeLayout {
  lanes: Lane[];
  marks: Mark[];
  arrows: Arrow[];
  shades: Shade[];
  ops: OpBar[];
  ticks: { x: number; label: string }[];
  height: number;
  window: TimeWindow;
  /** True when the window held more events than `maxMarks` (the earliest were left out). */
  truncated: boolean;
  /** Events in the window before any cut. */
  eventsInWindow: number;
}

export interface LayoutOptions {
  size?: Partial<LayoutSize>;
  maxMarks?: number;
  /** The verdict's failing operations to highlight. */
  prefix?: readonly number[];
  blockedBy?: number;
  /** Lane order; default {@link laneOrder}. */
  order?: readonly string[];
  /** Simulated now: messages sent and not yet delivered or dropped by then are in flight. */
  nowMs?: number;
}

const roleOf = (id: string): Lane["role"] => (/^r\d+$/.test(id) ? "replica" : /^c\d+$/.test(id) ? "client" : "process");

/**
 * Lane order: processes grouped by their name's letters in order of first appearance (replicas r…
 * before clients c… as the register adds them), numbers in numeric order within a group (r2 before
 * r10).
 */
export function laneOrder(processes: readonly string[]): string[] {
  const split = (id: string) => {
    const m = /^(.*?)(\d+)$/.exec(id);
    return m ? { prefix: m[1], n: Number(m[2]) } : { prefix: id, n: -1 };
  };
  const groups: string[] = [];
  for (const p of processes) {
    const { prefix } = split(p);
    if (!groups.includes(prefix)) groups.push(prefix);
  }
  return [...new Set(processes)].sort((a, b) => {
    const sa = split(a);
    const sb = split(b);
    return groups.indexOf(sa.prefix) - groups.indexOf(sb.prefix) || sa.n - sb.n || a.localeCompare(b);
  });
}

/** Index of the first event with atMs ≥ `t` (events in time order). */
export function firstAtOrAfter(events: readonly LogEvent[], t: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (events[mid].atMs < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The events with startMs ≤ atMs ≤ endMs, as a slice of the log. */
export function eventsInWindow(events: readonly LogEvent[], window: TimeWindow): LogEvent[] {
  return events.slice(firstAtOrAfter(events, window.startMs), firstAtOrAfter(events, window.endMs + 1e-9));
}

/** Round tick step for a span (1, 2, 5 × 10^k ms) giving about `count` ticks. */
export function tickStep(spanMs: number, count = 6): number {
  const raw = spanMs / count;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const f = raw / pow;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * pow;
}

/** Lays out the window of `log`. */
export function layoutSpacetime(log: ProtocolLog, window: TimeWindow, options: LayoutOptions = {}): SpacetimeLayout {
  const size = { ...DEFAULT_SIZE, ...options.size };
  const maxMarks = options.maxMarks ?? 1500;
  const order = options.order ?? laneOrder(log.processes.length ? log.processes : [...log.lanes.keys()]);
  const lanes: Lane[] = order.map((id, i) => ({ id, y: size.top + size.laneHeight * (i + 0.5), role: roleOf(id) }));
  const laneY = new Map(lanes.map((l) => [l.id, l.y]));
  const span = Math.max(1e-9, window.endMs - window.startMs);
  const plot = Math.max(1, size.width - size.gutter - 8);
  const xOf = (t: number) => size.gutter + ((t - window.startMs) / span) * plot;
  const height = size.top + size.laneHeight * lanes.length + 4;
  const nowMs = options.nowMs ?? log.nowMs;

  let inWindow = eventsInWindow(log.events, window);
  const eventsCount = inWindow.length;
  const truncated = inWindow.length > maxMarks;
  if (truncated) inWindow = inWindow.slice(inWindow.length - maxMarks);

  // Marks at their exact time. Events at one instant on one lane share a point (no nudging: a nudged
  // send could land right of its own delivery); the table and the keyboard still reach each one.
  const marks: Mark[] = [];
  const xBySeq = new Map<number, number>();
  for (const e of inWindow) {
    if (e.type === "drop" || e.type === "partition" || e.type === "heal" || e.process === undefined) continue;
    const y = laneY.get(e.process);
    if (y === undefined) continue;
    const x = xOf(e.atMs);
    marks.push({ event: e, x, y });
    xBySeq.set(e.seq, x);
  }
  const xAt = (e: LogEvent) => xBySeq.get(e.seq) ?? xOf(e.atMs);

  // Arrows: every message with its send or an end in the window (or crossing it).
  const arrows: Arrow[] = [];
  const seen = new Set<number>();
  const addMessage = (id: number) => {
    if (seen.has(id)) return;
    seen.add(id);
    const m = log.messages.get(id);
    if (!m) return;
    const from = m.send?.process ?? m.drop?.process ?? m.delivers[0]?.peer;
    const to = m.send?.peer ?? m.drop?.peer ?? m.delivers[0]?.process;
    if (!from || !to) return;
    const y1 = laneY.get(from);
    const y2 = laneY.get(to);
    if (y1 === undefined || y2 === undefined) return;
    const label = m.send?.label ?? m.drop?.label ?? m.delivers[0]?.label ?? "";
    const sendAt = m.send?.atMs ?? window.startMs;
    const x1 = m.send ? xAt(m.send) : xOf(window.startMs);
    for (const d of m.delivers) arrows.push({ messageId: id, kind: "delivered", label, x1, y1, x2: xAt(d), y2, sendSeq: m.send?.seq, endSeq: d.seq });
    if (m.drop) {
      // A cross 60% of the way to the receiver, at the drop's time (a little after a drop at send).
      const x2 = Math.max(xOf(m.drop.atMs), x1 + 12);
      arrows.push({ messageId: id, kind: "dropped", label, x1, y1, x2, y2: y1 + (y2 - y1) * 0.6, sendSeq: m.send?.seq, endSeq: m.drop.seq });
    } else if (m.delivers.length === 0 && m.send && sendAt <= nowMs) {
      // In flight at now: cut at now (or the window's end), partway to the receiver.
      const endT = Math.min(nowMs, window.endMs);
      const x2 = Math.max(xOf(endT), x1 + 6);
      arrows.push({ messageId: id, kind: "in-flight", label, x1, y1, x2, y2: y1 + (y2 - y1) * 0.5, sendSeq: m.send.seq });
    }
  };
  for (const e of inWindow) if (e.messageId !== undefined) addMessage(e.messageId);

  // Crash and partition bands overlapping the window.
  const shades: Shade[] = [];
  const clipX = (t: number | null) => xOf(Math.max(window.startMs, Math.min(t ?? Math.max(nowMs, window.endMs), window.endMs)));
  for (const c of log.crashes) {
    if (c.fromMs > window.endMs || (c.toMs !== null && c.toMs < window.startMs)) continue;
    const y = laneY.get(c.process);
    if (y === undefined) continue;
    shades.push({ kind: "crash", x1: clipX(c.fromMs), x2: clipX(c.toMs), y1: y - size.laneHeight / 2 + 2, y2: y + size.laneHeight / 2 - 2, label: `${c.process} down`, group: 0 });
  }
  for (const p of log.partitions) {
    if (p.fromMs > window.endMs || (p.toMs !== null && p.toMs < window.startMs)) continue;
    const label = `partition ${p.groups.map((g) => `{${g.join(",")}}`).join(" | ")}`;
    p.groups.forEach((group, gi) => {
      for (const id of group) {
        const y = laneY.get(id);
        if (y === undefined) continue;
        shades.push({ kind: "partition", x1: clipX(p.fromMs), x2: clipX(p.toMs), y1: y - size.laneHeight / 2, y2: y + size.laneHeight / 2, label, group: gi });
      }
    });
  }

  // Client operations overlapping the window, under their client's lane.
  const prefixOrder = new Map((options.prefix ?? []).map((id, i) => [id, i + 1]));
  const ops: OpBar[] = [];
  for (const op of log.ops.values()) {
    const end = Number.isFinite(op.returnMs) ? op.returnMs : Number.isNaN(op.returnMs) ? op.invokeMs : nowMs;
    if (op.invokeMs > window.endMs || end < window.startMs) continue;
    const y = laneY.get(op.process);
    if (y === undefined) continue;
    const role: OpRole = op.id === options.blockedBy ? "blocked" : prefixOrder.has(op.id) ? "prefix" : "plain";
    ops.push({ op, x1: xOf(Math.max(op.invokeMs, window.startMs)), x2: Math.max(xOf(Math.min(end, window.endMs)), xOf(Math.max(op.invokeMs, window.startMs)) + 2), y: y + 7, role, ...(role === "prefix" ? { order: prefixOrder.get(op.id) } : {}) });
  }

  const step = tickStep(span);
  const ticks: { x: number; label: string }[] = [];
  for (let t = Math.ceil(window.startMs / step) * step; t <= window.endMs; t += step) ticks.push({ x: xOf(t), label: `${Math.round(t * 100) / 100}` });

  return { lanes, marks, arrows, shades, ops, ticks, height, window, truncated, eventsInWindow: eventsCount };
}

/** The window of `spanMs` ending at `endMs`; early in a run, the first `spanMs` (never before 0). */
export function windowEndingAt(endMs: number, spanMs: number): TimeWindow {
  return { startMs: Math.max(0, endMs - spanMs), endMs: Math.max(endMs, spanMs) };
}

/** The window of `spanMs` that shows [fromMs, toMs] with a margin, clipped to start at 0. */
export function windowAround(fromMs: number, toMs: number, spanMs: number): TimeWindow {
  const span = Math.max(spanMs, (toMs - fromMs) * 1.5);
  const startMs = Math.max(0, (fromMs + toMs) / 2 - span / 2);
  return { startMs, endMs: startMs + span };
}
