/**
 * The event heap: the future of a discrete-event simulation.
 *
 * A simulation jumps from one event to the next instead of ticking a clock. Pending events wait in a
 * binary min-heap ordered by (time, priority, insertion order), as in SimPy: earlier time first; at
 * equal times a lower priority number first; at equal time and priority, first scheduled first.
 * The last key makes runs deterministic: two events at the same instant never race.
 *
 * Events are stored in parallel arrays (times, priorities, sequence numbers, payloads) so the hot
 * loop compares plain numbers and allocates nothing per comparison.
 */

export interface HeapEntry<T> {
  readonly time: number;
  readonly priority: number;
  readonly seq: number;
  readonly payload: T;
}

export class EventHeap<T> {
  private times: number[] = [];
  private priorities: number[] = [];
  private seqs: number[] = [];
  private payloads: T[] = [];
  private nextSeq = 0;

  /** Number of pending events. */
  get size(): number {
    return this.times.length;
  }

  /** Adds an event; returns its insertion sequence number. */
  push(time: number, priority: number, payload: T): number {
    const seq = this.nextSeq++;
    let i = this.times.length;
    this.times.push(time);
    this.priorities.push(priority);
    this.seqs.push(seq);
    this.payloads.push(payload);
    // Sift up.
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(time, priority, seq, parent)) break;
      this.move(parent, i);
      i = parent;
    }
    this.set(i, time, priority, seq, payload);
    return seq;
  }

  /** Time of the earliest event, or Infinity when empty. */
  peekTime(): number {
    return this.times.length > 0 ? this.times[0] : Infinity;
  }

  /** Priority of the earliest event, or Infinity when empty. */
  peekPriority(): number {
    return this.priorities.length > 0 ? this.priorities[0] : Infinity;
  }

  /** Removes and returns the earliest event, or undefined when empty. */
  pop(): HeapEntry<T> | undefined {
    const n = this.times.length;
    if (n === 0) return undefined;
    const top: HeapEntry<T> = { time: this.times[0], priority: this.priorities[0], seq: this.seqs[0], payload: this.payloads[0] };
    this.removeTop();
    return top;
  }

  /**
   * Removes the earliest event and returns only its payload (the allocation-free path the engine
   * uses); read {@link peekTime} first for its time.
   */
  popPayload(): T | undefined {
    if (this.times.length === 0) return undefined;
    const payload = this.payloads[0];
    this.removeTop();
    return payload;
  }

  clear(): void {
    this.times.length = 0;
    this.priorities.length = 0;
    this.seqs.length = 0;
    this.payloads.length = 0;
  }

  private removeTop(): void {
    const last = this.times.length - 1;
    const time = this.times[last];
    const priority = this.priorities[last];
    const seq = this.seqs[last];
    const payload = this.payloads[last];
    this.times.pop();
    this.priorities.pop();
    this.seqs.pop();
    this.payloads.pop();
    if (last === 0) return;
    // Sift the former last element down from the root.
    let i = 0;
    const n = last;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && this.lessAt(right, left) ? right : left;
      if (!this.lessThanEntry(child, time, priority, seq)) break;
      this.move(child, i);
      i = child;
    }
    this.set(i, time, priority, seq, payload);
  }

  private less(time: number, priority: number, seq: number, j: number): boolean {
    const tj = this.times[j];
    if (time !== tj) return time < tj;
    const pj = this.priorities[j];
    if (priority !== pj) return priority < pj;
    return seq < this.seqs[j];
  }

  private lessAt(i: number, j: number): boolean {
    return this.less(this.times[i], this.priorities[i], this.seqs[i], j);
  }

  /** Is the entry at j ordered before (time, priority, seq)? */
  private lessThanEntry(j: number, time: number, priority: number, seq: number): boolean {
    const tj = this.times[j];
    if (tj !== time) return tj < time;
    const pj = this.priorities[j];
    if (pj !== priority) return pj < priority;
    return this.seqs[j] < seq;
  }

  private move(from: number, to: number): void {
    this.times[to] = this.times[from];
    this.priorities[to] = this.priorities[from];
    this.seqs[to] = this.seqs[from];
    this.payloads[to] = this.payloads[from];
  }

  private set(i: number, time: number, priority: number, seq: number, payload: T): void {
    this.times[i] = time;
    this.priorities[i] = priority;
    this.seqs[i] = seq;
    this.payloads[i] = payload;
  }
}
