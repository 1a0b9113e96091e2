/**
 * The simulation kernel: a clock that jumps from event to event.
 *
 * Nothing happens between events, so the kernel pops the earliest pending action, moves the clock to
 * its time and runs it; the action may schedule more. `step()` runs exactly one event and `run(until)`
 * runs until a time, a budget or an empty future (SimPy's split). Background actions (periodic
 * samplers, health checks, autoscaler ticks) use a priority at or above {@link BACKGROUND_PRIORITY}:
 * they run like any other event but do not keep a run alive on their own, so a run whose foreground
 * work is done ends even though a health check would tick forever.
 */
import { EventHeap } from "./event-heap";

export type Action = () => void;

/** Priorities at or above this mark background events. Lower numbers run first at equal times. */
export const BACKGROUND_PRIORITY = 1000;

export class Simulation {
  /** Current simulated time in milliseconds. */
  now = 0;
  /** Events processed so far. */
  events = 0;
  private readonly heap = new EventHeap<Action>();
  /**
   * Zero-time-loop guard: more events than this at one simulated instant end the run (`stuckAtMs`).
   * No model needs more (a million arrivals at one instant would be a burst far beyond any preset);
   * a cycle of zero-time hops or a synchronous retry loop would otherwise spin forever at one time.
   */
  maxEventsAtInstant = 5_000_000;
  /** The instant at which the guard above stopped the run, or -1. */
  stuckAtMs = -1;
  private foreground = 0;
  private stopped = false;
  private sameInstant = 0;

  /** Runs `action` after `delayMs` of simulated time (0 = later at this instant). */
  schedule(delayMs: number, action: Action, priority = 0): void {
    this.scheduleAt(this.now + delayMs, action, priority);
  }

  /** Runs `action` at absolute time `timeMs` (never earlier than now). */
  scheduleAt(timeMs: number, action: Action, priority = 0): void {
    if (!(timeMs >= this.now)) {
      // NaN or the past: a model bug that must not pass unnoticed.
      throw new Error(`simulation: cannot schedule at ${timeMs} ms, the clock is at ${this.now} ms`);
    }
    if (priority < BACKGROUND_PRIORITY) this.foreground++;
    this.heap.push(timeMs, priority, action);
  }

  /** Time of the next event, or Infinity. */
  nextTime(): number {
    return this.heap.peekTime();
  }

  /** Pending foreground events. */
  get pendingForeground(): number {
    return this.foreground;
  }

  /** Whether anything but background work is left to do. */
  get idle(): boolean {
    return this.foreground === 0;
  }

  /** Processes exactly one event; false when there was none. */
  step(): boolean {
    const time = this.heap.peekTime();
    if (time === Infinity) return false;
    const priority = this.heap.peekPriority();
    const action = this.heap.popPayload() as Action;
    if (priority < BACKGROUND_PRIORITY) this.foreground--;
    this.now = time;
    this.events++;
    action();
    return true;
  }

  /**
   * Runs events while their time is at most `untilMs`, then sets the clock to `untilMs` (when
   * finite). Stops early when only background events remain, after `maxEvents`, or on `stop()`.
   * Returns the number of events processed.
   */
  run(untilMs = Infinity, maxEvents = Infinity, advanceWhenIdle = true): number {
    this.stopped = this.stuckAtMs >= 0;
    const start = this.events;
    const heap = this.heap;
    while (!this.stopped && this.foreground > 0 && this.events - start < maxEvents) {
      const time = heap.peekTime();
      if (time > untilMs) break;
      if (time !== this.now) this.sameInstant = 0;
      else if (++this.sameInstant > this.maxEventsAtInstant) {
        this.stuckAtMs = time;
        this.stopped = true;
        break;
      }
      const priority = heap.peekPriority();
      const action = heap.popPayload() as Action;
      if (priority < BACKGROUND_PRIORITY) this.foreground--;
      this.now = time;
      this.events++;
      action();
    }
    // A run that has gone idle ends at its last event when the caller says so (a run without a time
    // horizon), so where the caller's chunk boundaries fall cannot change the result.
    const idleEnd = !advanceWhenIdle && this.foreground === 0;
    if (untilMs !== Infinity && !idleEnd && !this.stopped && this.events - start < maxEvents && this.now < untilMs) {
      // Let background work due before the horizon run, so samplers cover the whole interval.
      while (heap.peekTime() <= untilMs && this.events - start < maxEvents) {
        const priority = heap.peekPriority();
        const time = heap.peekTime();
        const action = heap.popPayload() as Action;
        if (priority < BACKGROUND_PRIORITY) this.foreground--;
        this.now = time;
        this.events++;
        action();
      }
      if (this.now < untilMs) this.now = untilMs;
    }
    return this.events - start;
  }

  /** Makes the current `run` return after the event being processed. */
  stop(): void {
    this.stopped = true;
  }
}
