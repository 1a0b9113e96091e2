/**
 * Closed loops: N users, each sending a request, waiting for the answer, thinking for Z, repeating.
 *
 * - The interactive response-time law (an operational law, true of any closed system measured over a
 *   long interval): R = N / X − Z, with X the throughput.
 * - Mean value analysis (Reiser and Lavenberg 1980) solves exactly one FIFO single-worker server with
 *   exponential service S and a think-time delay: for n = 1..N, R(n) = S (1 + Q(n − 1)),
 *   X(n) = n / (R(n) + Z), Q(n) = X(n) R(n). The think time may have any distribution with mean Z.
 */

/** The response time the interactive law predicts from measured throughput (`throughputPerSec`). */
export function responseTimeLawMs(users: number, throughputPerSec: number, thinkMs: number): number {
  return users / (throughputPerSec / 1000) - thinkMs;
}

/** Exact mean response time and throughput of `users` users, think time `thinkMs`, one exponential server with mean `serviceMs`. */
export function mvaSingleServer(users: number, serviceMs: number, thinkMs: number): { responseMs: number; throughputPerSec: number } {
  let queue = 0;
  let responseMs = 0;
  let throughput = 0; // per ms
  for (let n = 1; n <= users; n++) {
    responseMs = serviceMs * (1 + queue);
    throughput = n / (responseMs + thinkMs);
    queue = throughput * responseMs;
  }
  return { responseMs, throughputPerSec: throughput * 1000 };
}
