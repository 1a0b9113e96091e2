/**
 * Eviction policies for a bounded cache: which key leaves when a new one needs room.
 *
 * - LRU (least recently used): evict the key untouched for longest; adapts quickly to shifting hot
 *   sets. A JS Map keeps insertion order, so "touch" is delete + set and the oldest is first.
 * - LFU (least frequently used): evict the key with the fewest hits (ties: least recent); protects a
 *   stable hot set from one-off scans, but old favourites linger. O(1) with frequency buckets.
 * - FIFO: evict the oldest insertion regardless of use; simplest, and blind to popularity.
 */

export type EvictionPolicy = "lru" | "lfu" | "fifo";

export interface KeyStore<V> {
  get(key: number): V | undefined;
  /** Inserts or replaces; returns the evicted key, if any. */
  set(key: number, value: V): number | undefined;
  delete(key: number): void;
  readonly size: number;
  clear(): void;
}

class OrderedStore<V> implements KeyStore<V> {
  private readonly map = new Map<number, V>();
  constructor(
    private readonly capacity: number,
    private readonly touchOnRead: boolean,
  ) {}
  get size() {
    return this.map.size;
  }
  get(key: number): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined && this.touchOnRead) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  set(key: number, value: V): number | undefined {
    if (this.map.has(key)) {
      this.map.delete(key);
      this.map.set(key, value);
      return undefined;
    }
    let evicted: number | undefined;
    if (this.map.size >= this.capacity) {
      evicted = this.map.keys().next().value as number;
      this.map.delete(evicted);
    }
    this.map.set(key, value);
    return evicted;
  }
  delete(key: number) {
    this.map.delete(key);
  }
  clear() {
    this.map.clear();
  }
}

class LfuStore<V> implements KeyStore<V> {
  private readonly values = new Map<number, { value: V; freq: number }>();
  private readonly buckets = new Map<number, Set<number>>();
  private minFreq = 0;
  constructor(private readonly capacity: number) {}
  get size() {
    return this.values.size;
  }
  private bump(key: number, entry: { freq: number }) {
    const bucket = this.buckets.get(entry.freq)!;
    bucket.delete(key);
    if (bucket.size === 0) {
      this.buckets.delete(entry.freq);
      if (this.minFreq === entry.freq) this.minFreq++;
    }
    entry.freq++;
    this.bucketFor(entry.freq).add(key);
  }
  private bucketFor(freq: number) {
    let b = this.buckets.get(freq);
    if (!b) {
      b = new Set();
      this.buckets.set(freq, b);
    }
    return b;
  }
  get(key: number): V | undefined {
    const entry = this.values.get(key);
    if (!entry) return undefined;
    this.bump(key, entry);
    return entry.value;
  }
  set(key: number, value: V): number | undefined {
    const existing = this.values.get(key);
    if (existing) {
      existing.value = value;
      this.bump(key, existing);
      return undefined;
    }
    let evicted: number | undefined;
    if (this.values.size >= this.capacity) {
      const bucket = this.buckets.get(this.minFreq)!;
      evicted = bucket.values().next().value as number;
      bucket.delete(evicted);
      if (bucket.size === 0) this.buckets.delete(this.minFreq);
      this.values.delete(evicted);
    }
    this.values.set(key, { value, freq: 1 });
    this.bucketFor(1).add(key);
    this.minFreq = 1;
    return evicted;
  }
  delete(key: number) {
    const entry = this.values.get(key);
    if (!entry) return;
    const bucket = this.buckets.get(entry.freq)!;
    bucket.delete(key);
    if (bucket.size === 0) this.buckets.delete(entry.freq);
    this.values.delete(key);
    if (this.values.size === 0) this.minFreq = 0;
    else if (!this.buckets.has(this.minFreq)) this.minFreq = Math.min(...this.buckets.keys());
  }
  clear() {
    this.values.clear();
    this.buckets.clear();
    this.minFreq = 0;
  }
}

/** A store of at most `capacity` keys evicting by `policy`. */
export function createKeyStore<V>(policy: EvictionPolicy, capacity: number): KeyStore<V> {
  switch (policy) {
    case "lru":
      return new OrderedStore<V>(capacity, true);
    case "fifo":
      return new OrderedStore<V>(capacity, false);
    case "lfu":
      return new LfuStore<V>(capacity);
  }
}
