/**
 * "Fast-forward to steady state": when has the p95 latency stopped moving?
 *
 * The detector is fed the cumulative p95 at regular checkpoints of simulated time. It calls the run
 * steady when the last `window` checkpoints agree within `tolerance` (relative), which is the usual
 * informal test for a stationary percentile. A queue that grows without bound never settles; the
 * caller's cap ends those runs.
 */
export interface SteadyStateDetector {
  /** Adds a checkpoint; returns true once the percentile is steady. */
  push(p95Ms: number): boolean;
}

export function createSteadyStateDetector(window = 4, tolerance = 0.02): SteadyStateDetector {
  const recent: number[] = [];
  return {
    push(p95Ms) {
      recent.push(p95Ms);
      if (recent.length > window) recent.shift();
      if (recent.length < window) return false;
      const max = Math.max(...recent);
      const min = Math.min(...recent);
      if (max === 0) return true;
      return (max - min) / max <= tolerance;
    },
  };
}
