/**
 * Little's law on any scenario: L = λW.
 *
 * L is the time average of the ledger's count of requests in the system (arrived after warm-up, not
 * yet answered), integrated at every arrival and answer; λ the arrival rate; W the mean time in the
 * system. On a finite run the law is an identity once requests still inside at the end are counted
 * up to the end (`closedDeviation`, ~1e-12: the books close, no request is lost or counted twice).
 * With only the answered requests in W (`answeredDeviation`) the gap is the finite-run boundary:
 * small for a stable system, large where requests never leave (lost to a partition, a backlog that
 * only grows), which `openShare` measures.
 */
import { ScenarioRun, type Scenario } from "@/simulations";

export interface LittlesLawCheck {
  /** Time-average requests in the system. */
  L: number;
  /** Arrivals per ms. */
  lambda: number;
  /** Mean time in system of answered requests, ms. */
  answeredW: number;
  /** |L − λW| / L with requests still inside counted up to the end. */
  closedDeviation: number;
  /** |L − λW| / L with W over answered requests only. */
  answeredDeviation: number;
  /** Share of the time in system spent by requests still inside at the end. */
  openShare: number;
  arrived: number;
  measuredMs: number;
}

/** Runs `scenario` (at most `horizonMs` past its warm-up) and checks L = λW. */
export function checkLittlesLaw(scenario: Scenario, horizonMs = Infinity): LittlesLawCheck {
  const run = new ScenarioRun(scenario);
  const ledger = run.ledger;
  const warmupMs = scenario.warmupMs ?? 0;
  let area = 0;
  let last = warmupMs;
  let answeredTime = 0;
  let answered = 0;
  let arrivalTimes = 0; // Σ arrival times of counted requests
  let answeredArrivalTimes = 0;
  const advance = () => {
    const now = run.sim.now;
    if (now > last) {
      area += ledger.inFlight * (now - last);
      last = now;
    }
  };
  const arrive = ledger.arrive.bind(ledger);
  ledger.arrive = (request) => {
    advance();
    arrive(request);
    if (request.counted) arrivalTimes += request.createdAtMs;
  };
  const settle = ledger.settle.bind(ledger);
  ledger.settle = (request, outcome, nowMs, reason) => {
    advance();
    settle(request, outcome, nowMs, reason);
    if (request.counted) {
      answered++;
      answeredTime += nowMs - request.createdAtMs;
      answeredArrivalTimes += request.createdAtMs;
    }
  };
  run.runUntil(warmupMs + horizonMs);
  const endMs = Math.max(run.sim.now, Math.min(run.report().simulatedMs, warmupMs + horizonMs));
  run.sim.now = Math.max(run.sim.now, endMs);
  advance();
  const measuredMs = endMs - warmupMs;
  const inside = ledger.inFlight;
  const openTime = inside * endMs - (arrivalTimes - answeredArrivalTimes);
  const lambda = ledger.arrived / measuredMs;
  const L = area / measuredMs;
  const closedW = ledger.arrived > 0 ? (answeredTime + openTime) / ledger.arrived : 0;
  const answeredW = answered > 0 ? answeredTime / answered : 0;
  const rel = (a: number, b: number) => (a === 0 && b === 0 ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), 1e-12));
  return {
    L,
    lambda,
    answeredW,
    closedDeviation: rel(L, lambda * closedW),
    answeredDeviation: rel(L, lambda * answeredW),
    openShare: answeredTime + openTime > 0 ? openTime / (answeredTime + openTime) : 0,
    arrived: ledger.arrived,
    measuredMs,
  };
}
