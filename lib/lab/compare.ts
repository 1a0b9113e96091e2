/**
 * Compare mode: variant B is a second lab controller forked from A (same preset, seed and fault
 * timeline, so the traffic is identical request for request) whose parameters the learner changes.
 * B never plays on its own clock: it follows A's simulated time by seeking (forward seeks only
 * simulate on), so both are always shown at the same instant however fast each worker is. Faults
 * added to A after the fork are copied to B, so the only difference stays the parameters.
 */
import type { LabController } from "./lab-controller";
import type { LabStoreInit } from "@/lib/stores/lab-store";

/** The init of B's store: A's scenario with A's current edits and seed. */
export function forkInit(a: LabController): LabStoreInit {
  const s = a.store.getState();
  return { scenarioId: s.scenarioId, preset: s.preset, title: `${s.title} (B)`, expose: s.expose, seed: s.seed, edits: structuredClone(s.edits) };
}

/** Keeps B at A's simulated time and fault timeline; returns the function that unlinks them. */
export function linkVariant(a: LabController, b: LabController): () => void {
  let target = a.store.getState().timeMs;
  let sent = -1;
  let inFlight = false;
  const send = () => {
    if (inFlight || sent === target) return;
    sent = target;
    inFlight = true;
    b.seek(target);
  };
  const unsubscribeB = b.store.subscribe((state, previous) => {
    // Every worker frame brings a new report: the previous seek is done, send the latest target.
    // (Not timeMs: the controller sets that as soon as it asks for the seek.)
    if (state.report !== previous.report) {
      inFlight = false;
      send();
    }
  });
  const unsubscribeA = a.store.subscribe((state, previous) => {
    if (state.timeMs !== previous.timeMs) {
      target = state.timeMs;
      // A seek backwards must not wait behind a long forward catch-up.
      if (state.timeMs < previous.timeMs) inFlight = false;
      send();
    }
    if (state.edits.faults !== previous.edits.faults) {
      const bEdits = b.store.getState().edits;
      b.restore({ edits: { ...bEdits, faults: structuredClone(state.edits.faults) }, seed: state.seed, timeMs: state.timeMs });
      sent = state.timeMs;
      inFlight = true;
    }
  });
  // Catch up with where A is now.
  inFlight = false;
  send();
  return () => {
    unsubscribeA();
    unsubscribeB();
  };
}
