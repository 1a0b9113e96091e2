/**
 * Circuit breaker: stop calling a dependency that is failing, give it time to recover, then probe.
 *
 * Like an electrical breaker, it trips when too much goes wrong and fails calls at once (fail fast)
 * instead of letting each caller wait for a timeout. The state machine (Resilience4j's model):
 *
 * - `closed`: calls pass; each outcome enters a sliding window, either the last `windowSize` calls
 *   (count-based) or the calls of the last `windowMs` (time-based, in ten buckets). Once the window
 *   holds at least `minimumNumberOfCalls` and the failure rate reaches `failureRateThreshold`, or the
 *   rate of calls slower than `slowCallDurationMs` reaches `slowCallRateThreshold`, it opens.
 * - `open`: every call is refused at once (`callsNotPermitted`); after `waitDurationInOpenStateMs`
 *   of simulated time it moves to half-open on its own.
 * - `halfOpen`: exactly `permittedCallsInHalfOpen` probe calls pass, the rest are refused. When all
 *   probes have answered, it closes if their failure and slow rates are below the thresholds, and
 *   opens again otherwise.
 *
 * The machine is an xstate v5 `setup()` machine with named guards, actions and a named delay. Its
 * delayed transition runs on simulated time through a custom clock (`simulationClock`), so the same
 * machine runs in the browser, in Node and in tests, and time in a paused lab stands still. The
 * sliding window is a mutable object the actions update in place: cheap per call, and the machine
 * stays the single place that decides state.
 */
import { createActor, setup, type Actor } from "xstate";
import { BACKGROUND_PRIORITY, type Simulation } from "../../engine/simulation";

export type BreakerStateName = "closed" | "open" | "half-open";

export interface BreakerConfig {
  /** Failure rate 0..1 at which the breaker opens. */
  failureRateThreshold: number;
  /** Rate 0..1 of slow calls at which the breaker opens (1 with no slow calls configured = never). */
  slowCallRateThreshold: number;
  /** A call that takes at least this long counts as slow, ms. */
  slowCallDurationMs: number;
  /** `count`: the last `windowSize` calls; `time`: the calls of the last `windowMs`. */
  windowType: "count" | "time";
  windowSize: number;
  windowMs: number;
  /** No decision before the window holds this many calls. */
  minimumNumberOfCalls: number;
  /** How long the breaker stays open before probing, ms. */
  waitDurationInOpenStateMs: number;
  /** Probe calls let through in half-open. */
  permittedCallsInHalfOpen: number;
  /** What a refused call answers: `error` (fail fast) or `ok` (a degraded fallback answer). */
  fallback: "error" | "ok";
}

/** The outcomes the breaker has seen, over its sliding window. */
export class OutcomeWindow {
  private readonly failures: Float64Array;
  private readonly slows: Float64Array;
  private readonly totals: Float64Array;
  private readonly size: number;
  private readonly bucketMs: number;
  private cursor = 0;
  private currentBucket = 0;
  calls = 0;
  failed = 0;
  slow = 0;

  constructor(private readonly config: BreakerConfig) {
    this.size = config.windowType === "count" ? config.windowSize : 10;
    this.bucketMs = config.windowMs / 10;
    this.failures = new Float64Array(this.size);
    this.slows = new Float64Array(this.size);
    this.totals = new Float64Array(this.size);
  }

  record(failed: boolean, slow: boolean, nowMs: number): void {
    if (this.config.windowType === "count") {
      const i = this.cursor;
      this.calls += 1 - this.totals[i];
      this.failed += (failed ? 1 : 0) - this.failures[i];
      this.slow += (slow ? 1 : 0) - this.slows[i];
      this.totals[i] = 1;
      this.failures[i] = failed ? 1 : 0;
      this.slows[i] = slow ? 1 : 0;
      this.cursor = (i + 1) % this.size;
      return;
    }
    this.advance(nowMs);
    const i = this.currentBucket % this.size;
    this.totals[i]++;
    this.calls++;
    if (failed) {
      this.failures[i]++;
      this.failed++;
    }
    if (slow) {
      this.slows[i]++;
      this.slow++;
    }
  }

  /** Drops time buckets that slid out of the window (time-based only). */
  advance(nowMs: number): void {
    if (this.config.windowType === "count") return;
    const bucket = Math.floor(nowMs / this.bucketMs);
    const steps = Math.min(this.size, bucket - this.currentBucket);
    for (let s = 1; s <= steps; s++) {
      const i = (this.currentBucket + s) % this.size;
      this.calls -= this.totals[i];
      this.failed -= this.failures[i];
      this.slow -= this.slows[i];
      this.totals[i] = this.failures[i] = this.slows[i] = 0;
    }
    if (bucket > this.currentBucket) this.currentBucket = bucket;
  }

  reset(): void {
    this.totals.fill(0);
    this.failures.fill(0);
    this.slows.fill(0);
    this.calls = this.failed = this.slow = 0;
    this.cursor = 0;
  }

  get failureRate(): number {
    return this.calls > 0 ? this.failed / this.calls : 0;
  }

  get slowRate(): number {
    return this.calls > 0 ? this.slow / this.calls : 0;
  }
}

/** Probe bookkeeping for half-open. */
interface Probes {
  issued: number;
  answered: number;
  failed: number;
  slow: number;
}

export interface BreakerListener {
  (state: BreakerStateName): void;
}

interface BreakerContext {
  config: BreakerConfig;
  window: OutcomeWindow;
  probes: Probes;
  clockNow: () => number;
  onEnter: BreakerListener;
}

type BreakerEvent = { type: "breaker.callCompleted"; failed: boolean; slow: boolean };

const exceeds = (config: BreakerConfig, failureRate: number, slowRate: number) =>
  failureRate >= config.failureRateThreshold || slowRate >= config.slowCallRateThreshold;

/** The breaker's state machine. Context comes from `input`, so one definition serves every breaker. */
export const circuitBreakerMachine = setup({
  types: {
    context: {} as BreakerContext,
    events: {} as BreakerEvent,
    input: {} as BreakerContext,
  },
  guards: {
    thresholdReached: ({ context }) => {
      const w = context.window;
      w.advance(context.clockNow());
      return w.calls >= context.config.minimumNumberOfCalls && exceeds(context.config, w.failureRate, w.slowRate);
    },
    probesUnhealthy: ({ context }) => {
      const p = context.probes;
      return p.answered >= context.config.permittedCallsInHalfOpen && exceeds(context.config, p.failed / p.answered, p.slow / p.answered);
    },
    probesHealthy: ({ context }) => context.probes.answered >= context.config.permittedCallsInHalfOpen,
  },
  actions: {
    recordCall: ({ context, event }) => context.window.record(event.failed, event.slow, context.clockNow()),
    recordProbe: ({ context, event }) => {
      const p = context.probes;
      p.answered++;
      if (event.failed) p.failed++;
      if (event.slow) p.slow++;
    },
    resetWindow: ({ context }) => context.window.reset(),
    resetProbes: ({ context }) => {
      const p = context.probes;
      p.issued = p.answered = p.failed = p.slow = 0;
    },
    announceClosed: ({ context }) => context.onEnter("closed"),
    announceOpened: ({ context }) => context.onEnter("open"),
    announceHalfOpened: ({ context }) => context.onEnter("half-open"),
  },
  delays: {
    waitDurationInOpenState: ({ context }) => context.config.waitDurationInOpenStateMs,
  },
}).createMachine({
  id: "circuitBreaker",
  context: ({ input }) => input,
  initial: "closed",
  states: {
    closed: {
      entry: ["resetWindow", "announceClosed"],
      on: { "breaker.callCompleted": { actions: "recordCall" } },
      always: { guard: "thresholdReached", target: "open" },
    },
    open: {
      entry: "announceOpened",
      // Late answers of calls admitted before the breaker opened are ignored here.
      after: { waitDurationInOpenState: { target: "halfOpen" } },
    },
    halfOpen: {
      entry: ["resetProbes", "announceHalfOpened"],
      on: { "breaker.callCompleted": { actions: "recordProbe" } },
      always: [
        { guard: "probesUnhealthy", target: "open" },
        { guard: "probesHealthy", target: "closed" },
      ],
    },
  },
});

/**
 * An xstate clock on simulated time: delayed transitions become simulation events. They run at
 * background priority, so a breaker waiting to half-open never keeps a finished run alive.
 */
export function simulationClock(sim: Simulation): { setTimeout(fn: () => void, ms: number): number; clearTimeout(id: number): void } {
  let nextId = 1;
  const cancelled = new Set<number>();
  return {
    setTimeout(fn, ms) {
      const id = nextId++;
      sim.schedule(ms, () => {
        if (cancelled.delete(id)) return;
        fn();
      }, BACKGROUND_PRIORITY);
      return id;
    },
    clearTimeout(id) {
      cancelled.add(id);
    },
  };
}

export interface BreakerEnv {
  sim: Simulation;
  warmupMs: number;
  /** Called on every state change after the initial `closed` (trace records, narration). */
  onTransition?: (from: BreakerStateName, to: BreakerStateName) => void;
}

/**
 * A running circuit breaker: ask {@link tryAcquire} before a call, report its outcome with
 * {@link onResult}. Measures state changes, refused calls and time spent in each state.
 */
export class CircuitBreaker {
  private readonly actor: Actor<typeof circuitBreakerMachine>;
  private readonly context: BreakerContext;
  state: BreakerStateName = "closed";
  /** Bumped on every state change: a permit from an earlier state no longer counts. */
  private generation = 0;
  private enteredMs = 0;
  private readonly timeIn: Record<BreakerStateName, number> = { closed: 0, open: 0, "half-open": 0 };
  /** Calls refused (open, or half-open with all probes out), after warm-up. */
  callsNotPermitted = 0;
  opens = 0;
  halfOpens = 0;
  closes = 0;
  stateChanges = 0;

  constructor(
    readonly config: BreakerConfig,
    private readonly env: BreakerEnv,
  ) {
    const sim = env.sim;
    this.context = {
      config,
      window: new OutcomeWindow(config),
      probes: { issued: 0, answered: 0, failed: 0, slow: 0 },
      clockNow: () => sim.now,
      onEnter: (to) => this.entered(to),
    };
    this.actor = createActor(circuitBreakerMachine, { input: this.context, clock: simulationClock(sim) });
    this.actor.start();
  }

  private entered(to: BreakerStateName): void {
    const from = this.state;
    if (from === to) return;
    const now = this.env.sim.now;
    const warm = this.env.warmupMs;
    this.timeIn[from] += Math.max(0, now - Math.max(this.enteredMs, warm));
    this.enteredMs = now;
    this.state = to;
    this.generation++;
    if (now >= warm) {
      this.stateChanges++;
      if (to === "open") this.opens++;
      else if (to === "half-open") this.halfOpens++;
      else this.closes++;
    }
    this.env.onTransition?.(from, to);
  }

  /**
   * Asks to make a call now. Returns a permit (≥ 0) to hand back to {@link onResult}, or -1 when the
   * call is refused (counted in `callsNotPermitted` when `counted`).
   */
  tryAcquire(counted: boolean): number {
    if (this.state === "closed") return this.generation;
    if (this.state === "half-open") {
      const p = this.context.probes;
      if (p.issued < this.config.permittedCallsInHalfOpen) {
        p.issued++;
        return this.generation;
      }
    }
    if (counted) this.callsNotPermitted++;
    return -1;
  }

  /**
   * Reports the outcome of a call admitted with `permit` (a timeout is a failure). Answers to calls
   * admitted in an earlier state (say, before the breaker opened) are ignored: a half-open verdict
   * rests on its own probes only.
   */
  onResult(permit: number, failed: boolean, durationMs: number): void {
    if (permit !== this.generation || this.state === "open") return;
    this.actor.send({ type: "breaker.callCompleted", failed, slow: durationMs >= this.config.slowCallDurationMs });
  }

  /** Simulated ms spent in each state after warm-up, up to `endMs`. */
  timeInState(endMs: number): Record<BreakerStateName, number> {
    const out = { ...this.timeIn };
    out[this.state] += Math.max(0, endMs - Math.max(this.enteredMs, this.env.warmupMs));
    return out;
  }

  /** Failure rate currently in the window (closed state), for gauges. */
  get failureRate(): number {
    return this.context.window.failureRate;
  }

  metrics(endMs: number): { [key: string]: number | string | Record<string, number> } {
    const t = this.timeInState(endMs);
    return {
      breakerState: this.state,
      opens: this.opens,
      halfOpens: this.halfOpens,
      closes: this.closes,
      stateChanges: this.stateChanges,
      callsNotPermitted: this.callsNotPermitted,
      timeInStateMs: { closed: Math.round(t.closed), open: Math.round(t.open), halfOpen: Math.round(t["half-open"]) },
    };
  }
}
