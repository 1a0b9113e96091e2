/**
 * Benchmark of the history checker (issue 11's target: a 1,000-operation history of 5 clients over 10
 * keys decides in under 1 s). Run alone with `npx tsx scripts/bench-checker.ts`; `npm run bench` runs it
 * after the engine benchmark. Prints figures; asserts nothing (a loaded machine must not fail a build).
 */
import { checkLinearizability, checkSessions, randomHistory } from "@/simulations";

export function benchChecker(): void {
  console.log("History checker (random linearizable register histories, 5 clients, 10 keys, 50% reads)");
  for (const operations of [1_000, 10_000]) {
    let worstMs = 0;
    let states = 0;
    let verdicts = "";
    for (let seed = 1; seed <= 5; seed++) {
      const history = randomHistory({ seed, clients: 5, keys: 10, operations });
      const start = performance.now();
      const result = checkLinearizability(history);
      checkSessions(history);
      const ms = performance.now() - start;
      worstMs = Math.max(worstMs, ms);
      states += result.states;
      verdicts = verdicts === "" || verdicts === result.verdict ? result.verdict : "mixed";
    }
    console.log(`${operations.toLocaleString("en")} operations  worst of 5 seeds ${worstMs.toFixed(1)} ms  (${verdicts}, ${Math.round(states / 5).toLocaleString("en")} states each; target under 1,000 ms for 1,000)`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) benchChecker();
