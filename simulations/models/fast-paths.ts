/**
 * Fast paths and their general forks. Three v1 kinds keep a lean implementation for specs that use
 * only version-1 fields (source → source/traffic.ts, cache → cache/modes.ts, load-balancer →
 * load-balancer/extensions.ts). The general path must behave the same on a v1 spec; the differential
 * test (tests/unit/simulations/fast-paths.test.ts) forces it with this switch and compares reports.
 * Production code never sets it.
 */
export const fastPaths = {
  /** When true, every forked kind builds its general implementation even for a plain v1 spec. */
  forceGeneral: false,
};
