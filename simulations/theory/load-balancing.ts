/**
 * Reference results for load balancing across n identical single-worker servers with exponential
 * service (mean 1/μ) and Poisson arrivals at total rate nλμ (each server's load λ < 1).
 *
 * - Random choice splits the Poisson stream: every server is an M/M/1 queue, so the fraction of
 *   servers holding at least i requests is λ^i.
 * - The supermarket model (Vvedenskaya, Dobrushin, Karpelevich 1996; Mitzenmacher 1996): each
 *   arrival samples d servers and joins the shortest. As n → ∞ the fraction of servers with at least
 *   i requests tends to λ^((d^i − 1)/(d − 1)) (d = 2: λ^(2^i − 1), a doubly exponential tail), and the
 *   mean time in system to Σ_{i≥1} λ^((d^i − d)/(d − 1)) service times. For finite n these are limits,
 *   approached from above.
 * - Round robin sends every n-th arrival to the same server, so each server sees Erlang-n
 *   inter-arrival times: an E_n/M/1 queue, solved exactly as GI/M/1 (σ = A*(μ(1 − σ)), Wq = σ/(μ(1 − σ))).
 */

/** Limit fraction of servers holding at least `i` requests (in service or waiting) when each arrival picks the shortest of `d` sampled servers (d = 1: random). */
export function supermarketTail(load: number, d: number, i: number): number {
  if (d === 1) return Math.pow(load, i);
  return Math.pow(load, (Math.pow(d, i) - 1) / (d - 1));
}

/** Limit mean time in system, in mean service times, for the supermarket model with choice `d` (d = 1: M/M/1's 1/(1 − λ)). */
export function supermarketMeanSojourn(load: number, d: number): number {
  if (load >= 1) return Infinity;
  if (d === 1) return 1 / (1 - load);
  let sum = 0;
  for (let i = 1; i < 64; i++) {
    const term = Math.pow(load, (Math.pow(d, i) - d) / (d - 1));
    sum += term;
    if (term < 1e-15) break;
  }
  return sum;
}

/**
 * Mean wait before service at one server behind a round-robin balancer over `servers` single-worker
 * servers: E_k/M/1 with k = servers, total Poisson rate `ratePerSec`, mean service `serviceMs`.
 */
export function roundRobinMeanWaitMs(ratePerSec: number, serviceMs: number, servers: number): number {
  const lambda = ratePerSec / 1000; // per ms, total; each Erlang phase has this rate
  const mu = 1 / serviceMs;
  const k = servers;
  if (lambda / k >= mu) return Infinity;
  // σ = (λ / (λ + μ(1 − σ)))^k, the probability an arrival finds the server busy; iterate from 0.
  let sigma = 0;
  for (let iteration = 0; iteration < 10_000; iteration++) {
    const next = Math.pow(lambda / (lambda + mu * (1 - sigma)), k);
    if (Math.abs(next - sigma) < 1e-14) {
      sigma = next;
      break;
    }
    sigma = next;
  }
  return sigma / (mu * (1 - sigma));
}
