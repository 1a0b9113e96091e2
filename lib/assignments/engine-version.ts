/**
 * The version of the simulation engine that assignments pin. A replay reproduces a learner's run
 * only when the engine computes the same numbers for the same (scenario, edits, seed); when a change
 * to simulations/ alters any result, bump this. `tests/unit/lib/assignments/engine-version.test.ts`
 * keeps a fingerprint of a few preset reports next to this value and fails when the numbers move
 * but the version did not.
 */
export const ENGINE_VERSION = "1";
