/**
 * The worker side of the lab: a {@link LabEngine} with a playback clock and a message port.
 *
 * Kept separate from the worker entry file so tests (and a main-thread fallback where Workers are
 * unavailable) can run the same host over an in-process port.
 */
import type { Scenario, TraceRecord } from "@/simulations";
import type { LabEdits } from "./edit-timeline";
import { LabEngine, ScenarioInvalidError, previewTransitions, runHeadless, type FastForwardResult } from "./lab-engine";
import type { LabCommand, LabMessage } from "./protocol";
import { timelineKey, transitionEvents, transitionHoldMs, type TimelineEvent } from "./timeline";

/** Where the host sends messages. */
export type Post = (message: LabMessage) => void;

const FRAME_INTERVAL_MS = 33;
/** Most simulation events per frame before playback is declared lagging (keeps frames short). */
const MAX_EVENTS_PER_FRAME = 400_000;
/** Real time a catch-up works before it lets other messages (cancel, a newer seek) through. */
const CATCH_UP_SLICE_MS = 40;

/** "Catching up to 2 min 30 s" style label for progress. */
function catchUpLabel(timeMs: number): string {
  if (!Number.isFinite(timeMs)) return "Simulating to the end of the run";
  const s = timeMs / 1000;
  return `Simulating up to ${s >= 120 ? `${Math.floor(s / 60)} min ${Math.round(s % 60)} s` : `${Math.round(s * 10) / 10} s`}`;
}

const now = () => (typeof performance !== "undefined" ? performance.now() : Date.now());

export function createLabWorkerHost(post: Post) {
  const engine = new LabEngine();
  let loaded = false;
  let playing = false;
  let speed = 1;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastTick = 0;
  let fastForward: Generator<number, FastForwardResult> | null = null;
  // The run's transitions ahead (previewed on the side after every load or edit) and holds on them.
  let preview: Generator<void, TraceRecord[]> | null = null;
  let previewTimer: ReturnType<typeof setTimeout> | null = null;
  let transitions: TimelineEvent[] = [];
  let holdUntil = 0;
  let lastScenario: Scenario | null = null;
  // A catch-up in slices (a seek, a link opened at t, an edit late in the run): the newest target
  // wins; progress is reported once it takes longer than one slice; "cancel" stops it where it is.
  let catchUp: { job: Generator<number, void>; label: string; shown: boolean; target: number } | null = null;
  let catchUpTimer: ReturnType<typeof setTimeout> | null = null;

  const fail = (error: unknown) => {
    post({ type: "error", message: error instanceof ScenarioInvalidError ? error.message : error instanceof Error ? error.message : String(error) });
  };

  const stopClock = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };

  const startPreview = (scenario: Scenario, edits: LabEdits, seed: number) => {
    if (previewTimer !== null) clearTimeout(previewTimer);
    transitions = [];
    const key = timelineKey(edits, seed);
    preview = previewTransitions(scenario, edits, seed);
    const slice = () => {
      previewTimer = null;
      if (!preview) return;
      const started = now();
      while (now() - started < 12) {
        const step = preview.next();
        if (step.done) {
          preview = null;
          transitions = transitionEvents(step.value);
          post({ type: "timeline", key, records: step.value });
          return;
        }
      }
      previewTimer = setTimeout(slice, 0);
    };
    previewTimer = setTimeout(slice, 0);
  };

  /** The first transition in (from, to] that needs holding at this speed, with its hold. */
  const holdBetween = (from: number, to: number): { event: TimelineEvent; ms: number } | null => {
    for (let i = 0; i < transitions.length; i++) {
      const event = transitions[i];
      if (event.atMs <= from) continue;
      if (event.atMs > to) return null;
      const ms = transitionHoldMs(transitions, i, speed, engine.endMs);
      if (ms > 0) return { event, ms };
    }
    return null;
  };

  /** Runs the catch-up for about one slice of real time; reschedules itself until it is done. */
  const runCatchUp = () => {
    catchUpTimer = null;
    if (!catchUp) return;
    const started = now();
    do {
      const step = catchUp.job.next();
      if (step.done) {
        const shown = catchUp.shown;
        catchUp = null;
        post(engine.frame());
        if (shown) post({ type: "progress-done", cancelled: false });
        return;
      }
      if (now() - started >= CATCH_UP_SLICE_MS) {
        catchUp.shown = true;
        post({ type: "progress", label: catchUp.label, fraction: step.value });
        break;
      }
    } while (catchUp);
    catchUpTimer = setTimeout(runCatchUp, 0);
  };

  /** Starts (or retargets: the latest wins) a catch-up to `timeMs`; `now` runs its first slice at once. */
  const catchUpTo = (timeMs: number, label: string, immediately: boolean) => {
    const shown = catchUp?.shown ?? false;
    catchUp?.job.return();
    catchUp = { job: engine.seekInSlices(timeMs), label, shown, target: timeMs };
    if (immediately) {
      if (catchUpTimer !== null) clearTimeout(catchUpTimer);
      runCatchUp();
    } else if (catchUpTimer === null) catchUpTimer = setTimeout(runCatchUp, 0);
  };

  const cancelCatchUp = (): boolean => {
    if (!catchUp) return false;
    const shown = catchUp.shown;
    catchUp.job.return();
    catchUp = null;
    if (catchUpTimer !== null) clearTimeout(catchUpTimer);
    catchUpTimer = null;
    post(engine.frame());
    if (shown) post({ type: "progress-done", cancelled: true });
    return true;
  };

  const tick = () => {
    timer = null;
    if (!playing || !loaded) return;
    if (catchUp) {
      // Playback resumes from where the catch-up lands.
      lastTick = now();
      timer = setTimeout(tick, FRAME_INTERVAL_MS);
      return;
    }
    const t = now();
    const realMs = Math.min(250, t - lastTick);
    lastTick = t;
    if (t < holdUntil) {
      // Holding on a transition: the clock waits, the frame on screen stays.
      timer = setTimeout(tick, FRAME_INTERVAL_MS);
      return;
    }
    let target = engine.timeMs + realMs * speed;
    const hold = holdBetween(engine.timeMs, target);
    if (hold) {
      target = hold.event.atMs;
      holdUntil = t + hold.ms;
      post({ type: "hold", atMs: hold.event.atMs, ms: hold.ms, label: hold.event.label });
    }
    const reached = engine.runTo(target, MAX_EVENTS_PER_FRAME);
    if (engine.done) playing = false;
    post(engine.frame(!reached));
    if (playing) timer = setTimeout(tick, FRAME_INTERVAL_MS);
  };

  const startClock = () => {
    stopClock();
    lastTick = now();
    timer = setTimeout(tick, FRAME_INTERVAL_MS);
  };

  const runFastForward = () => {
    if (!fastForward) return;
    const started = now();
    // Work in slices of ~40 ms so "cancel" messages get through between them.
    while (now() - started < 40) {
      const step = fastForward.next();
      if (step.done) {
        fastForward = null;
        post(engine.frame());
        post({ type: "progress-done", cancelled: false, ...step.value });
        return;
      }
      post({ type: "progress", label: "Fast-forwarding to steady state", fraction: step.value });
    }
    setTimeout(runFastForward, 0);
  };

  return function handle(command: LabCommand): void {
    try {
      switch (command.type) {
        case "load":
          lastScenario = command.scenario;
          cancelCatchUp();
          engine.load(command.scenario, command.edits, command.seed, 0);
          loaded = true;
          post(engine.frame());
          startPreview(command.scenario, command.edits, command.seed);
          // A link opened at time t: simulate up to t in slices, with progress and cancel.
          if ((command.timeMs ?? 0) > 0) catchUpTo(command.timeMs!, catchUpLabel(command.timeMs!), true);
          break;
        case "play":
          if (!loaded) return;
          speed = command.speed;
          playing = !engine.done;
          if (playing) startClock();
          break;
        case "pause":
          playing = false;
          holdUntil = 0;
          stopClock();
          if (loaded) post(engine.frame());
          break;
        case "set-speed":
          speed = command.speed;
          break;
        case "step":
          playing = false;
          stopClock();
          cancelCatchUp();
          engine.stepOne();
          post(engine.frame());
          break;
        case "seek":
          // Coalesced: a flood of seeks (a dragged scrubber) runs only the latest target.
          holdUntil = 0;
          catchUpTo(command.timeMs, catchUpLabel(command.timeMs), false);
          break;
        case "set-edits": {
          // Re-simulate from 0 to the time the learner was at, in slices (late edits in long runs).
          const at = catchUp ? catchUp.target : engine.timeMs;
          engine.setEditsAtStart(command.edits, command.seed);
          if (at > 0) catchUpTo(at, catchUpLabel(at), true);
          else post(engine.frame());
          if (lastScenario) startPreview(lastScenario, command.edits, command.seed);
          break;
        }
        case "fast-forward":
          playing = false;
          stopClock();
          cancelCatchUp();
          fastForward = engine.fastForward(command.capMs);
          setTimeout(runFastForward, 0);
          break;
        case "cancel":
          if (cancelCatchUp()) break;
          if (fastForward) {
            fastForward.return({ stop: "cap" });
            fastForward = null;
            post(engine.frame());
            post({ type: "progress-done", cancelled: true });
          }
          break;
        case "trace":
          post({ type: "trace-result", id: command.id, trace: engine.trace(command.requestId) });
          break;
        case "headless":
          try {
            post({ type: "headless-result", id: command.id, report: runHeadless(command.scenario, command.edits, command.seed) });
          } catch (error) {
            post({ type: "headless-result", id: command.id, error: error instanceof Error ? error.message : String(error) });
          }
          break;
        case "sweep": {
          const points = command.values.map((value) => {
            try {
              const edits = { ...command.edits, params: { ...command.edits.params, [command.path]: value } };
              return { value, report: runHeadless(command.scenario, edits, command.seed) };
            } catch (error) {
              return { value, error: error instanceof Error ? error.message : String(error) };
            }
          });
          post({ type: "sweep-result", id: command.id, points });
          break;
        }
      }
    } catch (error) {
      fail(error);
      if (loaded) post(engine.frame());
    }
  };
}
