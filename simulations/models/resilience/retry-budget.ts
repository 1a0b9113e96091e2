/**
 * Retry budget: retries allowed only up to a share of recent traffic (Finagle's RetryBudget, gRPC's
 * retry throttling, Linkerd's retry budget).
 *
 * Caps and backoff limit what one request does; a budget limits what all requests do together. Over
 * a sliding window (default 10 s) the client may send at most `ratio × requests + minPerSec × window`
 * retries: when a few calls fail nearly all get their retry, when everything fails retries stay near
 * `ratio` of the load instead of multiplying it. The window is kept in ten buckets, so the cost per
 * call is O(1) and memory is constant.
 */
const BUCKETS = 10;

export interface RetryBudgetConfig {
  /** Retries allowed per request in the window, 0..1 (e.g. 0.1 = 10% extra load). */
  ratio: number;
  /** Retries always allowed per second, so quiet clients can still retry. */
  minPerSec: number;
  /** Length of the sliding window, ms. */
  windowMs: number;
}

export class RetryBudget {
  private readonly bucketMs: number;
  private readonly requests = new Float64Array(BUCKETS);
  private readonly retries = new Float64Array(BUCKETS);
  private currentBucket = 0;
  private requestSum = 0;
  private retrySum = 0;

  constructor(private readonly config: RetryBudgetConfig) {
    this.bucketMs = config.windowMs / BUCKETS;
  }

  private advance(nowMs: number): void {
    const bucket = Math.floor(nowMs / this.bucketMs);
    if (bucket === this.currentBucket) return;
    const steps = Math.min(BUCKETS, bucket - this.currentBucket);
    for (let i = 1; i <= steps; i++) {
      const slot = (this.currentBucket + i) % BUCKETS;
      this.requestSum -= this.requests[slot];
      this.retrySum -= this.retries[slot];
      this.requests[slot] = 0;
      this.retries[slot] = 0;
    }
    this.currentBucket = bucket;
  }

  /** Records a first attempt (a deposit). */
  recordRequest(nowMs: number): void {
    this.advance(nowMs);
    this.requests[this.currentBucket % BUCKETS]++;
    this.requestSum++;
  }

  /** Takes one retry from the budget if any is left; false means the retry must not be sent. */
  tryWithdraw(nowMs: number): boolean {
    this.advance(nowMs);
    const allowed = this.config.ratio * this.requestSum + (this.config.minPerSec * this.config.windowMs) / 1000;
    if (this.retrySum + 1 > allowed) return false;
    this.retries[this.currentBucket % BUCKETS]++;
    this.retrySum++;
    return true;
  }

  /** Retries and requests currently in the window (for gauges and tests). */
  get window(): { requests: number; retries: number } {
    return { requests: this.requestSum, retries: this.retrySum };
  }
}
