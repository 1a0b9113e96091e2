/**
 * A controller for drawings that never simulate (<Diagram>): the same store shape the lab's node
 * and edge components read, with every action a no-op and no port, so a diagram shares the lab's
 * drawing code without loading the worker or the simulation engine.
 */
import { createLabStore, type LabStoreInit } from "@/lib/stores/lab-store";
import type { LabController } from "./lab-controller";
import { createProtocolStore } from "@/lib/spacetime/log-store";

export function createStaticLabController(init: LabStoreInit): LabController {
  const store = createLabStore(init);
  // Sources draw their configured rate; nothing else has a gauge until something simulates.
  const gauges = Object.fromEntries(init.preset.nodes.filter((n) => n.kind === "source" && typeof n.ratePerSec === "number").map((n) => [n.id, { ratePerSec: n.ratePerSec as number }]));
  store.setState({ status: "ready", gauges });
  const noop = () => {};
  return {
    store,
    protocol: createProtocolStore(),
    play: noop,
    pause: noop,
    togglePlay: noop,
    step: noop,
    seek: noop,
    setSpeed: noop,
    reset: noop,
    setSeed: noop,
    setParam: () => "A diagram cannot change.",
    injectFault: noop,
    recover: noop,
    changeFault: () => "A diagram cannot change.",
    removeFault: noop,
    fastForward: noop,
    runToEnd: noop,
    jumpToNextEvent: () => null,
    timeline: () => [],
    applyChange: () => "A diagram cannot change.",
    pin: noop,
    unpin: noop,
    cancel: noop,
    select: noop,
    openTrace: async () => null,
    closeTrace: noop,
    setMotion: noop,
    setView: noop,
    runHeadless: () => Promise.reject(new Error("A diagram does not simulate.")),
    onHops: () => noop,
    getSnapshot: () => {
      const s = store.getState();
      return { scenarioId: s.scenarioId, scenario: s.preset, edits: s.edits, seed: s.seed, timeMs: 0, view: { ...s.view, speed: s.speed, motion: s.motion } };
    },
    restore: noop,
    dispose: noop,
  };
}
