/**
 * Keyboard movement through the diagram's events: ← → along a lane, ↑ ↓ to the nearest event in time
 * on the lane above or below, Shift+→ along a message (send to its delivery, or its drop), Shift+← back
 * to the send, Home/End to a lane's first and last event in the window.
 */
import type { LogEvent } from "@/simulations";
import type { ProtocolLog } from "./log-store";
import type { SpacetimeLayout } from "./layout";

export type NavKey = "ArrowLeft" | "ArrowRight" | "ArrowUp" | "ArrowDown" | "Home" | "End";

/** The event to move to from `current` (by seq) in the laid-out window, or null to stay. */
export function moveFocus(layout: SpacetimeLayout, log: ProtocolLog, current: number | null, key: NavKey, shift = false): number | null {
  const marks = layout.marks;
  if (marks.length === 0) return null;
  const mark = current === null ? undefined : marks.find((m) => m.event.seq === current);
  const visible = new Set(marks.map((m) => m.event.seq));
  if (!mark) {
    // Nothing focused yet (or it left the window): start at the latest event.
    return marks[marks.length - 1].event.seq;
  }
  const e = mark.event;
  const onLane = (id: string) => marks.filter((m) => m.event.process === id);
  if (shift && (key === "ArrowRight" || key === "ArrowLeft") && e.messageId !== undefined) {
    const m = log.messages.get(e.messageId);
    if (!m) return null;
    if (key === "ArrowRight" && e.type === "send") {
      const next = m.delivers.find((d) => visible.has(d.seq));
      return next ? next.seq : null;
    }
    if (key === "ArrowLeft" && e.type === "deliver" && m.send && visible.has(m.send.seq)) return m.send.seq;
    return null;
  }
  const lane = onLane(e.process!);
  const i = lane.findIndex((m) => m.event.seq === e.seq);
  switch (key) {
    case "ArrowLeft":
      return i > 0 ? lane[i - 1].event.seq : null;
    case "ArrowRight":
      return i < lane.length - 1 ? lane[i + 1].event.seq : null;
    case "Home":
      return lane[0].event.seq;
    case "End":
      return lane[lane.length - 1].event.seq;
    case "ArrowUp":
    case "ArrowDown": {
      const li = layout.lanes.findIndex((l) => l.id === e.process);
      const dir = key === "ArrowUp" ? -1 : 1;
      for (let j = li + dir; j >= 0 && j < layout.lanes.length; j += dir) {
        const other = onLane(layout.lanes[j].id);
        if (other.length === 0) continue;
        return nearestInTime(other.map((m) => m.event), e.atMs).seq;
      }
      return null;
    }
  }
}

function nearestInTime(events: LogEvent[], t: number): LogEvent {
  let best = events[0];
  for (const e of events) if (Math.abs(e.atMs - t) < Math.abs(best.atMs - t)) best = e;
  return best;
}
