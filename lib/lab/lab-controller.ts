/**
 * One lab's controller: owns its store and its simulation port, and offers the actions the UI calls
 * (play, seek, set a parameter, inject a fault...). It is React-free; components get it from context.
 *
 * It is also the public API for whole-lab state: {@link LabController.getSnapshot} and
 * {@link LabController.restore} read and write (scenario, edits, seed, time, view) so share links and
 * the editor can pin and restore a lab exactly.
 */
import { validateScenario, type FaultSpec, type RequestTrace, type RunReport, type Scenario } from "@/simulations";
import { createLabStore, initialLabState, reduceFrame, type LabState, type LabStore, type LabStoreInit, type LabView, type MotionPreference, type PinnedMetric, type Selection } from "@/lib/stores/lab-store";
import { applyEdits, initialEdits, isFaultActive, withFault, withFaultChanged, withoutFault, withParam, withRecovery, type LabEdits, type ParamValue } from "./edit-timeline";
import type { LabPort } from "./lab-port";
import type { Hop, LabMessage } from "./protocol";
import { describeEvent, nextEvent, timelineEvents, timelineKey, type TimelineEvent } from "./timeline";
import { formatSimTime } from "./narration";
import { createProtocolStore, type ProtocolStore } from "@/lib/spacetime/log-store";

export { SPEEDS } from "./speeds";

/** Everything needed to put a lab back exactly as it was. */
export interface LabSnapshot {
  scenarioId: string;
  scenario: Scenario;
  edits: LabEdits;
  seed: number;
  timeMs: number;
  view: LabView & { speed: number; motion: MotionPreference };
}

/** A fault to inject: any fault kind, starting now unless `atMs` says otherwise. */
export type FaultInput = FaultSpec extends infer F ? (F extends FaultSpec ? Omit<F, "atMs"> & { atMs?: number } : never) : never;

export type HopListener = (hops: Hop[], timeMs: number, speed: number) => void;

export interface LabController {
  readonly store: LabStore;
  /** Protocol nodes' message logs and verdicts, fed by frames (the space-time view reads it). */
  readonly protocol: ProtocolStore;
  play(): void;
  pause(): void;
  togglePlay(): void;
  step(): void;
  seek(timeMs: number): void;
  setSpeed(speed: number): void;
  reset(): void;
  setSeed(seed: number): void;
  /** Sets an exposed parameter; returns an error message when the value is invalid (nothing changes). */
  setParam(path: string, value: ParamValue): string | null;
  /** Starts a fault on a node or edge at the current simulated time. */
  injectFault(fault: FaultInput): void;
  /** Ends every fault in effect on `target` now. */
  recover(target: string): void;
  changeFault(id: string, change: Partial<FaultSpec>): string | null;
  removeFault(id: string): void;
  fastForward(): void;
  /** Simulates to the end of the run (finite runs). */
  runToEnd(): void;
  /** Seeks to the next fault or transition after now; returns it (null when none lies ahead). */
  jumpToNextEvent(): TimelineEvent | null;
  /** The run's faults and transitions in time order (transitions once the worker's preview is in). */
  timeline(): TimelineEvent[];
  /**
   * Applies a Break-it card's change in one edit: parameter values and faults. Faults get ids from
   * `source`, and faults an earlier apply from the same source added are replaced, so applying twice
   * changes nothing. Returns an error message when the result is invalid (nothing changes).
   */
  applyChange(change: { params?: Record<string, ParamValue>; faults?: FaultSpec[] }, source: string): string | null;
  /** Pins report metrics onto the lab (existing pins of the same path are replaced). */
  pin(pins: readonly PinnedMetric[]): void;
  unpin(path: string): void;
  cancel(): void;
  select(selection: Selection | null): void;
  openTrace(requestId: number): Promise<RequestTrace | null>;
  closeTrace(): void;
  setMotion(motion: MotionPreference): void;
  setView(view: Partial<LabView>): void;
  /** Runs a scenario headless in the worker (Predict, Challenge). */
  runHeadless(edits?: LabEdits, seed?: number): Promise<RunReport>;
  onHops(listener: HopListener): () => void;
  getSnapshot(): LabSnapshot;
  restore(snapshot: Partial<LabSnapshot>): void;
  dispose(): void;
}

/** Whether a fault on `target` is in effect at the lab's current time. */
export function activeFaultsOn(state: Pick<LabState, "edits" | "timeMs">, target: string) {
  return state.edits.faults.filter((f) => f.target === target && isFaultActive(f, state.timeMs));
}

/** Checks edits against the validator; returns the messages, or null when valid. */
export function validateEdits(preset: Scenario, edits: LabEdits): string | null {
  const result = validateScenario(applyEdits(preset, edits));
  return result.ok ? null : result.issues.map((i) => i.message).join("; ");
}

export function createLabController(init: LabStoreInit, port: LabPort): LabController {
  const store = createLabStore(init);
  const protocol = createProtocolStore();
  const hopListeners = new Set<HopListener>();
  const pending = new Map<number, (message: LabMessage) => void>();
  let requestId = 1;
  let disposed = false;
  const get = store.getState;
  const set = store.setState;

  port.onMessage((message) => {
    if (disposed) return;
    switch (message.type) {
      case "frame": {
        const state = get();
        if (message.generation < state.generation) return;
        set(reduceFrame(state, message));
        if (message.protocol || protocol.logs.size) protocol.apply(message.protocol ?? [], message.timeMs, message.generation);
        if (message.hops.length && hopListeners.size) for (const l of hopListeners) l(message.hops, message.timeMs, get().speed);
        break;
      }
      case "progress":
        set({ progress: { label: message.label, fraction: message.fraction } });
        break;
      case "progress-done": {
        let notice: string | null = null;
        if (!message.cancelled && message.stop === "fault" && message.stoppedAtMs !== undefined) {
          const event = timelineEvents(get().edits.faults, []).find((e) => e.kind === "fault-start" && Math.abs(e.atMs - message.stoppedAtMs!) < 1);
          notice = `${message.steadyAtMs !== undefined ? `Steady by ${formatSimTime(message.steadyAtMs)}; stopped` : "Stopped"} where ${event ? event.label : "a scheduled fault"} starts (${formatSimTime(message.stoppedAtMs)}). Press Play to watch it.`;
        } else if (!message.cancelled && message.stop === "steady" && message.steadyAtMs !== undefined) notice = `Latency steady by ${formatSimTime(message.steadyAtMs)}.`;
        set({ progress: null, notice });
        break;
      }
      case "timeline":
        if (message.key === timelineKey(get().edits, get().seed)) set({ transitions: message.records });
        break;
      case "hold":
        set({ hold: { atMs: message.atMs, label: message.label } });
        break;
      case "error":
        set({ error: message.message, status: get().status === "loading" ? "error" : get().status });
        break;
      case "trace-result":
      case "headless-result":
      case "sweep-result":
        pending.get(message.id)?.(message);
        pending.delete(message.id);
        break;
    }
  });

  const load = (timeMs = 0) => {
    const { preset, edits, seed } = get();
    port.post({ type: "load", scenario: preset, edits, seed, timeMs });
    if (get().playing) port.post({ type: "play", speed: get().speed });
  };

  const commitEdits = (edits: LabEdits, seed = get().seed): string | null => {
    const problem = validateEdits(get().preset, edits);
    if (problem) {
      set({ error: problem });
      return problem;
    }
    set({ edits, seed, error: null, transitions: null, notice: null });
    port.post({ type: "set-edits", edits, seed });
    return null;
  };

  const request = <T extends LabMessage>(build: (id: number) => Parameters<LabPort["post"]>[0]): Promise<T> =>
    new Promise((resolve) => {
      const id = requestId++;
      pending.set(id, (m) => resolve(m as T));
      port.post(build(id));
    });

  const controller: LabController = {
    store,
    protocol,
    play() {
      if (get().done) return;
      set({ playing: true });
      port.post({ type: "play", speed: get().speed });
    },
    pause() {
      set({ playing: false });
      port.post({ type: "pause" });
    },
    togglePlay() {
      if (get().playing) controller.pause();
      else controller.play();
    },
    step() {
      set({ playing: false });
      port.post({ type: "step" });
    },
    seek(timeMs) {
      const t = Math.max(0, Math.min(timeMs, get().endMs));
      // Seeking back from the end reopens the run at once, so a play() right after it is not refused.
      set(t < get().endMs ? { timeMs: t, done: false } : { timeMs: t });
      port.post({ type: "seek", timeMs: t });
      if (get().playing) port.post({ type: "play", speed: get().speed });
    },
    setSpeed(speed) {
      const s = Math.max(0.1, Math.min(100, speed));
      set({ speed: s });
      port.post({ type: "set-speed", speed: s });
    },
    reset() {
      const { preset } = get();
      set({ edits: initialEdits(preset), seed: preset.seed, playing: false, error: null, openTrace: null, selection: null, transitions: null, notice: null, hold: null });
      port.post({ type: "pause" });
      load(0);
    },
    setSeed(seed) {
      if (!Number.isInteger(seed) || seed < 0) {
        set({ error: "The seed must be a whole number of 0 or more." });
        return;
      }
      commitEdits(get().edits, seed);
    },
    setParam(path, value) {
      return commitEdits(withParam(get().edits, path, value));
    },
    injectFault(fault) {
      const atMs = fault.atMs ?? get().timeMs;
      commitEdits(withFault(get().edits, { ...fault, atMs } as FaultSpec));
    },
    recover(target) {
      commitEdits(withRecovery(get().edits, target, get().timeMs));
    },
    changeFault(id, change) {
      return commitEdits(withFaultChanged(get().edits, id, change));
    },
    removeFault(id) {
      commitEdits(withoutFault(get().edits, id));
    },
    fastForward() {
      set({ playing: false, notice: null, progress: { label: "Fast-forwarding to steady state", fraction: 0 } });
      port.post({ type: "fast-forward" });
    },
    runToEnd() {
      const end = get().endMs;
      set({ playing: false, notice: null });
      port.post({ type: "pause" });
      // A run that stops after N requests has no known end time: the worker simulates until it stops.
      if (!Number.isFinite(end)) port.post({ type: "seek", timeMs: Infinity });
      else controller.seek(end);
    },
    timeline() {
      const s = get();
      return timelineEvents(s.edits.faults, s.transitions ?? [], s.endMs);
    },
    jumpToNextEvent() {
      const event = nextEvent(controller.timeline(), get().timeMs);
      if (!event) return null;
      controller.seek(event.atMs);
      set({ notice: `At ${describeEvent(event)}.` });
      return event;
    },
    applyChange(change, source) {
      let edits: LabEdits = { ...get().edits, params: { ...get().edits.params, ...(change.params ?? {}) } };
      const prefix = `card:${source}:`;
      edits = { ...edits, faults: edits.faults.filter((f) => !f.id.startsWith(prefix)) };
      (change.faults ?? []).forEach((fault, i) => {
        edits = withFault(edits, fault, `${prefix}${i}`);
      });
      return commitEdits(edits);
    },
    pin(pins) {
      const paths = new Set(pins.map((p) => p.path));
      set({ pinned: [...get().pinned.filter((p) => !paths.has(p.path)), ...pins] });
    },
    unpin(path) {
      set({ pinned: get().pinned.filter((p) => p.path !== path) });
    },
    cancel() {
      port.post({ type: "cancel" });
    },
    select(selection) {
      set({ selection });
    },
    async openTrace(requestIdToOpen) {
      const result = await request<Extract<LabMessage, { type: "trace-result" }>>((id) => ({ type: "trace", id, requestId: requestIdToOpen }));
      set({ openTrace: result.trace, view: { ...get().view, panel: "trace" } });
      return result.trace;
    },
    closeTrace() {
      set({ openTrace: null });
    },
    setMotion(motion) {
      set({ motion });
    },
    setView(view) {
      set({ view: { ...get().view, ...view } });
    },
    async runHeadless(edits = get().edits, seed = get().seed) {
      const result = await request<Extract<LabMessage, { type: "headless-result" }>>((id) => ({ type: "headless", id, scenario: get().preset, edits, seed }));
      if (!result.report) throw new Error(result.error ?? "The run failed.");
      return result.report;
    },
    onHops(listener) {
      hopListeners.add(listener);
      return () => hopListeners.delete(listener);
    },
    getSnapshot() {
      const s = get();
      return {
        scenarioId: s.scenarioId,
        scenario: s.preset,
        edits: structuredClone(s.edits),
        seed: s.seed,
        timeMs: s.timeMs,
        view: { ...s.view, speed: s.speed, motion: s.motion },
      };
    },
    restore(snapshot) {
      const s = get();
      const preset = snapshot.scenario ?? s.preset;
      const base = initialLabState({ scenarioId: snapshot.scenarioId ?? s.scenarioId, preset, expose: s.expose, title: s.title });
      set({
        ...base,
        generation: s.generation,
        edits: snapshot.edits ?? (snapshot.scenario ? initialEdits(preset) : s.edits),
        seed: snapshot.seed ?? (snapshot.scenario ? preset.seed : s.seed),
        speed: snapshot.view?.speed ?? s.speed,
        motion: snapshot.view?.motion ?? s.motion,
        view: { tables: snapshot.view?.tables ?? s.view.tables, panel: snapshot.view?.panel ?? s.view.panel },
        pinned: s.pinned,
        keyChart: s.keyChart,
      });
      port.post({ type: "pause" });
      load(snapshot.timeMs ?? 0);
    },
    dispose() {
      disposed = true;
      hopListeners.clear();
      port.terminate();
    },
  };

  load(0);
  return controller;
}
