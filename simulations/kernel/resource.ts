/**
 * A resource: `capacity` identical workers (threads, connections, permits) in front of a FIFO waiting
 * room of `queueCapacity` places (the c and K of M/M/c/K), with the time-weighted number busy and
 * waiting measured from the end of warm-up. It holds jobs and keeps the books; the model decides what
 * a job is, when it starts and when it ends, so the resource never schedules anything itself.
 *
 * Invariants (checked by {@link Resource.check} in tests): busy ≤ capacity, waiting ≤ queueCapacity,
 * nobody waits while a worker is free once the model has started the next job, and every job is in at
 * most one place. Removing a job from service is O(1) (swap-remove on the job's `slot`).
 *
 * Also here: {@link Fifo}, the queue the waiting room is made of, and {@link WarmCounter}, a count
 * that only moves for requests that arrived after warm-up.
 */
import { TimeWeighted } from "../engine/stats";

/**
 * A FIFO queue on a growable array with a moving head: O(1) amortised push and shift without the
 * O(n) cost of Array.prototype.shift.
 */
export class Fifo<T> {
  private items: (T | undefined)[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head] = undefined;
    this.head++;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  peek(): T | undefined {
    return this.head < this.items.length ? this.items[this.head] : undefined;
  }

  /** Removes and returns every item, oldest first. */
  drain(): T[] {
    const out = this.items.slice(this.head) as T[];
    this.items = [];
    this.head = 0;
    return out;
  }

  *[Symbol.iterator](): IterableIterator<T> {
    for (let i = this.head; i < this.items.length; i++) yield this.items[i] as T;
  }
}

/** What a resource needs of a job: a slot it may write its place in service into. */
export interface ResourceJob {
  slot: number;
}

/** Workers + FIFO waiting room + time-weighted busy and queue. */
export class Resource<J extends ResourceJob> {
  private readonly serving: J[] = [];
  private readonly waitingRoom = new Fifo<J>();
  private readonly busyTime: TimeWeighted;
  private readonly queueTime: TimeWeighted;

  /**
   * @param capacity workers serving at once
   * @param queueCapacity waiting places (Infinity: unbounded; 0: no waiting room)
   * @param warmupMs time averages start here
   */
  constructor(
    readonly capacity: number,
    readonly queueCapacity: number,
    warmupMs: number,
  ) {
    this.busyTime = new TimeWeighted(warmupMs);
    this.queueTime = new TimeWeighted(warmupMs);
  }

  /** Jobs in service. */
  get busy(): number {
    return this.serving.length;
  }

  /** Jobs waiting. */
  get waiting(): number {
    return this.waitingRoom.length;
  }

  /** Whether a worker is free. */
  get hasFreeWorker(): boolean {
    return this.serving.length < this.capacity;
  }

  /** Whether an arrival that finds every worker busy may wait. */
  get hasRoom(): boolean {
    return this.waitingRoom.length < this.queueCapacity;
  }

  /** Puts a job in service (the caller checked {@link hasFreeWorker}). */
  start(nowMs: number, job: J): void {
    job.slot = this.serving.length;
    this.serving.push(job);
    this.busyTime.set(nowMs, this.serving.length);
  }

  /** Puts a job in the waiting room (the caller checked {@link hasRoom}). */
  enqueue(nowMs: number, job: J): void {
    this.waitingRoom.push(job);
    this.queueTime.set(nowMs, this.waitingRoom.length);
  }

  /** Takes the job that has waited longest, or undefined when nobody waits. */
  takeNext(nowMs: number): J | undefined {
    const next = this.waitingRoom.shift();
    if (next) this.queueTime.set(nowMs, this.waitingRoom.length);
    return next;
  }

  /**
   * Takes a job out of service. The busy count is recorded when the model either starts the next job
   * ({@link start}) or finds none to start ({@link settle}), so a hand-over at one instant is one step.
   */
  finish(job: J): void {
    const last = this.serving.pop()!;
    if (last !== job) {
      this.serving[job.slot] = last;
      last.slot = job.slot;
    }
  }

  /** Records the busy count after a {@link finish} that started nothing. */
  settle(nowMs: number): void {
    this.busyTime.set(nowMs, this.serving.length);
  }

  /** Empties the resource (a crash): every job in service, then every waiting one, oldest first. */
  clear(nowMs: number): J[] {
    const victims = [...this.serving, ...this.waitingRoom.drain()];
    this.serving.length = 0;
    this.busyTime.set(nowMs, 0);
    this.queueTime.set(nowMs, 0);
    return victims;
  }

  /** Busy worker-time over (capacity × measured time) since warm-up. */
  utilization(endMs: number, warmupMs: number): number {
    const measuredMs = endMs - warmupMs;
    return measuredMs > 0 ? this.busyTime.integral(endMs) / (this.capacity * measuredMs) : 0;
  }

  /** Time-average number waiting since warm-up. */
  meanQueueLength(endMs: number): number {
    return this.queueTime.average(endMs);
  }

  /** Jobs in service, in no particular order (for sweeps such as cancelling expired work). */
  inService(): readonly J[] {
    return this.serving;
  }

  /** Throws when an invariant is broken (tests and strict runs call it). */
  check(): void {
    if (this.serving.length > this.capacity) throw new Error(`resource: ${this.serving.length} busy > capacity ${this.capacity}`);
    if (this.waitingRoom.length > this.queueCapacity) throw new Error(`resource: ${this.waitingRoom.length} waiting > queueCapacity ${this.queueCapacity}`);
    if (this.waitingRoom.length > 0 && this.hasFreeWorker) throw new Error("resource: a job waits while a worker is free");
    this.serving.forEach((job, i) => {
      if (job.slot !== i) throw new Error(`resource: job in slot ${i} says ${job.slot}`);
    });
    const seen = new Set<J>(this.serving);
    for (const job of this.waitingRoom) {
      if (seen.has(job)) throw new Error("resource: a job is both waiting and in service");
      seen.add(job);
    }
  }
}

/** A count of requests that arrived after warm-up: `add(request)` moves it only for counted ones. */
export class WarmCounter {
  value = 0;
  add(request: { readonly counted: boolean }, n = 1): void {
    if (request.counted) this.value += n;
  }
}
