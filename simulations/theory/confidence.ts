/**
 * Confidence intervals for simulation estimates.
 *
 * A simulation run is one random sample of a system's behaviour; its mean wait is an estimate, not
 * the truth. Running R independent replications (same model, different seeds) gives R independent
 * estimates X₁…X_R; their mean X̄ has a 95% confidence interval X̄ ± t(0.975, R − 1) · s / √R, where
 * s is the sample standard deviation and t the Student t quantile. Replications are independent by
 * construction (separate seeds drive separate random streams), which is why this method is used
 * rather than batch means: no correlation between batches to argue about.
 */

/** Two-sided 95% Student t quantiles t(0.975, df) for df = 1..30 (standard tables). */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08,
  2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/**
 * The Student t quantile t(0.975, df): the multiplier of the standard error for a two-sided 95%
 * interval. Tabled up to 30 degrees of freedom; beyond, the Cornish–Fisher expansion around the
 * normal quantile 1.95996 (error below 0.001).
 */
export function studentT975(df: number): number {
  if (!Number.isInteger(df) || df < 1) throw new Error(`degrees of freedom must be a positive integer (got ${df})`);
  if (df <= T975.length) return T975[df - 1];
  const z = 1.959964;
  return z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df ** 2);
}

/** A mean with its 95% confidence interval half-width (estimate ± halfWidth). */
export interface Interval {
  mean: number;
  halfWidth: number;
  /** Sample standard deviation of the replications. */
  sd: number;
  replications: number;
}

/** The 95% Student t confidence interval of the mean of independent replications (at least 2). */
export function confidenceInterval(samples: readonly number[]): Interval {
  const n = samples.length;
  if (n < 2) throw new Error(`a confidence interval needs at least 2 replications (got ${n})`);
  const mean = samples.reduce((a, b) => a + b, 0) / n;
  const variance = samples.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  const sd = Math.sqrt(variance);
  return { mean, halfWidth: (studentT975(n - 1) * sd) / Math.sqrt(n), sd, replications: n };
}
