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

  const tick = () => {
    timer = null;
    if (!playing || !loaded) return;
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
          engine.load(command.scenario, command.edits, command.seed, command.timeMs ?? 0);
          loaded = true;
          post(engine.frame());
          startPreview(command.scenario, command.edits, command.seed);
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
          engine.stepOne();
          post(engine.frame());
          break;
        case "seek":
          holdUntil = 0;
          engine.seek(command.timeMs);
          post(engine.frame());
          break;
        case "set-edits":
          engine.setEdits(command.edits, command.seed);
          post(engine.frame());
          if (lastScenario) startPreview(lastScenario, command.edits, command.seed);
          break;
        case "fast-forward":
          playing = false;
          stopClock();
          fastForward = engine.fastForward(command.capMs);
          setTimeout(runFastForward, 0);
          break;
        case "cancel":
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
