/**
 * Cancellable timers on the simulation clock.
 *
 * The engine's heap has no delete, so a timer is cancelled lazily: its handle flips a flag and the
 * action, when its time comes, does nothing. That replaces the generation counters, `void` flags and
 * epochs models write by hand today. A cancelled foreground timer still occupies the heap until its time
 * (it keeps a run alive that long); use a background priority for periodic housekeeping.
 */
import type { Simulation } from "../engine/simulation";

/** A scheduled action that can be cancelled before it runs. */
export interface TimerHandle {
  /** Prevents the action from running; no effect if it already ran or was cancelled. */
  cancel(): void;
  /** Whether the action is still due (neither run nor cancelled). */
  readonly pending: boolean;
  /** Absolute simulated time at which the action runs. */
  readonly atMs: number;
}

class Timer implements TimerHandle {
  pending = true;
  constructor(
    readonly atMs: number,
    private action: (() => void) | null,
  ) {}
  cancel(): void {
    this.pending = false;
    this.action = null;
  }
  fire = (): void => {
    const action = this.action;
    if (!this.pending || action === null) return;
    this.pending = false;
    this.action = null;
    action();
  };
}

/** Runs `action` after `delayMs` of simulated time unless the returned handle is cancelled first. */
export function startTimer(sim: Simulation, delayMs: number, action: () => void, priority = 0): TimerHandle {
  const timer = new Timer(sim.now + delayMs, action);
  sim.scheduleAt(timer.atMs, timer.fire, priority);
  return timer;
}

/** A set of timers cancelled together (a process's timers when it crashes). */
export class TimerGroup {
  private readonly live = new Set<TimerHandle>();
  constructor(private readonly sim: Simulation) {}

  /** Starts a timer that belongs to this group. */
  start(delayMs: number, action: () => void, priority = 0): TimerHandle {
    const handle: TimerHandle = startTimer(this.sim, delayMs, () => {
      this.live.delete(handle);
      action();
    }, priority);
    this.live.add(handle);
    return handle;
  }

  /** Cancels every pending timer of the group. */
  cancelAll(): void {
    for (const t of this.live) t.cancel();
    this.live.clear();
  }

  get size(): number {
    return this.live.size;
  }
}
