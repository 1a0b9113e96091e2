/**
 * Reference results for retries and sagas with independent failures.
 *
 * - Retries: when each attempt fails independently with probability p and a call makes at most n
 *   attempts, it makes 1 + p + p² + … + p^(n−1) = (1 − pⁿ) / (1 − p) attempts on average (the load
 *   the dependency sees per call) and succeeds with probability 1 − pⁿ.
 * - Sagas: steps that fail independently with probabilities p_i complete together with probability
 *   Π (1 − p_i); every other saga is compensated (when every compensation succeeds).
 */

/** Mean attempts per call: 1 + p + … + p^(maxAttempts − 1). */
export function retryAmplification(failureProbability: number, maxAttempts: number): number {
  let sum = 0;
  for (let k = 0; k < maxAttempts; k++) sum += Math.pow(failureProbability, k);
  return sum;
}

/** Probability a call succeeds within `maxAttempts` attempts. */
export function retrySuccessProbability(failureProbability: number, maxAttempts: number): number {
  return 1 - Math.pow(failureProbability, maxAttempts);
}

/** Probability every step of a saga succeeds. */
export function sagaCompletionProbability(stepFailureRates: readonly number[]): number {
  return stepFailureRates.reduce((p, f) => p * (1 - f), 1);
}
