/**
 * The request ledger: end-to-end accounting for every request a source creates.
 *
 * Its invariant is conservation: arrived = completed + failed + dropped + in flight, for the requests
 * that arrived after warm-up. A request is settled exactly once; settling twice is a model bug and
 * throws. Latency percentiles are recorded from each completed request.
 */
import { LatencyHistogram } from "../engine/stats";
import type { Outcome, Request } from "./request";

export class RequestLedger {
  arrived = 0;
  completed = 0;
  failed = 0;
  dropped = 0;
  /** All requests created, warm-up included (for `stop.requests` and ids). */
  created = 0;
  /** Settled counted requests (completed + failed + dropped). */
  settled = 0;
  /** All settled requests, warm-up included: `created - settledAll` are open (the work budget). */
  settledAll = 0;
  readonly latency = new LatencyHistogram();
  /** Failures and drops by reason ("crashed", "queue-full", "timeout", ...). */
  readonly reasons: Record<string, number> = {};
  /** Called on every settled counted request (the lab's time series listen here). */
  onSettle: ((request: Request, outcome: Outcome, latencyMs: number, reason: string | undefined) => void) | null = null;
  private readonly open = new Set<number>();

  constructor(private readonly checkSettleOnce = false) {}

  /** Registers a new request; returns whether it counts (arrived after warm-up). */
  arrive(request: Request): void {
    this.created++;
    if (request.counted) this.arrived++;
    if (this.checkSettleOnce) this.open.add(request.id);
  }

  settle(request: Request, outcome: Outcome, nowMs: number, reason?: string): void {
    if (this.checkSettleOnce) {
      if (!this.open.delete(request.id)) throw new Error(`ledger: request ${request.id} was settled twice (second outcome: ${outcome})`);
    }
    this.settledAll++;
    if (!request.counted) return;
    this.settled++;
    const latencyMs = nowMs - request.createdAtMs;
    if (outcome === "ok") {
      this.completed++;
      this.latency.record(latencyMs);
    } else {
      if (outcome === "error") this.failed++;
      else this.dropped++;
      const key = reason ?? outcome;
      this.reasons[key] = (this.reasons[key] ?? 0) + 1;
    }
    this.onSettle?.(request, outcome, latencyMs, reason);
  }

  get inFlight(): number {
    return this.arrived - this.completed - this.failed - this.dropped;
  }
}
