/**
 * The event-sourcing widget MDX may use (content/README.md, "Interactive widgets"): a server component
 * that checks its props (a bad one fails the build naming the component and prop) and renders a
 * lazily hydrated island (components/event-sourcing).
 */
import { EventReplayIsland } from "@/components/event-sourcing/islands";

export interface EventReplayMdxProps {
  /** Events in the log, 10–200 (default 60). */
  events?: number;
  /** Snapshot interval to start with: 0 (none), 5, 10 or 20 (default 10). */
  every?: number;
  /** Start with the handler that reads the clock (default false). */
  clockReading?: boolean;
}

/** An order log replayed from snapshots, with upcasting and a replay-divergence check. */
export function EventReplay({ events, every, clockReading }: EventReplayMdxProps) {
  if (events !== undefined && (!Number.isInteger(events) || events < 10 || events > 200)) throw new Error(`<EventReplay> events must be an integer from 10 to 200 (got ${JSON.stringify(events)})`);
  if (every !== undefined && ![0, 5, 10, 20].includes(every)) throw new Error(`<EventReplay> every must be one of 0, 5, 10, 20 (got ${JSON.stringify(every)})`);
  if (clockReading !== undefined && typeof clockReading !== "boolean") throw new Error(`<EventReplay> clockReading must be true or false (got ${JSON.stringify(clockReading)})`);
  return <EventReplayIsland events={events ?? 60} every={every ?? 10} clockReading={clockReading ?? false} />;
}
