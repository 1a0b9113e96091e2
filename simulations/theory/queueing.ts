/**
 * Closed-form results of queueing theory, used to check the simulation and to teach.
 *
 * Notation: λ arrival rate, μ service rate of one worker (1 / mean service time), c workers,
 * ρ = λ / (c μ) utilisation. All times in ms, rates per ms unless a name says otherwise.
 * - M/M/1: Wq = ρ / (μ − λ), Lq = ρ² / (1 − ρ).
 * - M/M/c: the Erlang C probability of waiting C(c, a) with a = λ/μ; Wq = C / (c μ − λ).
 * - M/G/1 (Pollaczek–Khinchine): Wq = ρ (1 + SCV) / (2 (1 − ρ)) · E[S].
 * - M/M/1/K: blocking probability P_K = (1 − ρ) ρ^K / (1 − ρ^(K+1)).
 * - Little's law: L = λ W for any stable system.
 */

export interface QueueMetrics {
  utilization: number;
  /** Mean time waiting before service, ms. */
  meanWaitMs: number;
  /** Mean number waiting (time average). */
  meanQueueLength: number;
  /** Mean time in system (wait + service), ms. */
  meanResponseMs: number;
}

/** M/M/1 with arrival rate `ratePerSec` and mean service time `serviceMs`. */
export function mm1(ratePerSec: number, serviceMs: number): QueueMetrics {
  const lambda = ratePerSec / 1000;
  const mu = 1 / serviceMs;
  const rho = lambda / mu;
  if (rho >= 1) return { utilization: 1, meanWaitMs: Infinity, meanQueueLength: Infinity, meanResponseMs: Infinity };
  const wq = rho / (mu - lambda);
  return { utilization: rho, meanWaitMs: wq, meanQueueLength: lambda * wq, meanResponseMs: wq + serviceMs };
}

/** Erlang C: probability an arrival must wait in M/M/c with offered load a = λ/μ (erlangs). */
export function erlangC(c: number, offeredLoad: number): number {
  const rho = offeredLoad / c;
  if (rho >= 1) return 1;
  // Sum a^k/k! iteratively for numerical stability.
  let term = 1;
  let sum = 1;
  for (let k = 1; k < c; k++) {
    term *= offeredLoad / k;
    sum += term;
  }
  const last = (term * offeredLoad) / c; // a^c / c!
  const top = last / (1 - rho);
  return top / (sum + top);
}

/** M/M/c with `workers` servers. */
export function mmc(ratePerSec: number, serviceMs: number, workers: number): QueueMetrics {
  const lambda = ratePerSec / 1000;
  const mu = 1 / serviceMs;
  const a = lambda / mu;
  const rho = a / workers;
  if (rho >= 1) return { utilization: 1, meanWaitMs: Infinity, meanQueueLength: Infinity, meanResponseMs: Infinity };
  const wq = erlangC(workers, a) / (workers * mu - lambda);
  return { utilization: rho, meanWaitMs: wq, meanQueueLength: lambda * wq, meanResponseMs: wq + serviceMs };
}

/** M/G/1 by Pollaczek–Khinchine; `scv` is the squared coefficient of variation of service time. */
export function mg1(ratePerSec: number, serviceMs: number, scv: number): QueueMetrics {
  const lambda = ratePerSec / 1000;
  const rho = lambda * serviceMs;
  if (rho >= 1) return { utilization: 1, meanWaitMs: Infinity, meanQueueLength: Infinity, meanResponseMs: Infinity };
  const wq = ((rho * (1 + scv)) / (2 * (1 - rho))) * serviceMs;
  return { utilization: rho, meanWaitMs: wq, meanQueueLength: lambda * wq, meanResponseMs: wq + serviceMs };
}

/** M/M/1/K: at most K requests in the system (1 in service + K − 1 waiting); returns P(blocked). */
export function mm1kBlocking(ratePerSec: number, serviceMs: number, systemCapacity: number): number {
  const rho = (ratePerSec / 1000) * serviceMs;
  const k = systemCapacity;
  if (Math.abs(rho - 1) < 1e-12) return 1 / (k + 1);
  return ((1 - rho) * Math.pow(rho, k)) / (1 - Math.pow(rho, k + 1));
}

/** Percentile of response time in M/M/1: exponential with rate μ − λ. */
export function mm1ResponsePercentileMs(ratePerSec: number, serviceMs: number, q: number): number {
  const lambda = ratePerSec / 1000;
  const mu = 1 / serviceMs;
  return -Math.log(1 - q) / (mu - lambda);
}
