import { describe, expect, it } from "vitest";
import { EventHeap, createStream } from "@/simulations";

describe("EventHeap", () => {
  it("pops in time order", () => {
    const heap = new EventHeap<string>();
    heap.push(5, 0, "c");
    heap.push(1, 0, "a");
    heap.push(3, 0, "b");
    expect([heap.pop()!.payload, heap.pop()!.payload, heap.pop()!.payload]).toEqual(["a", "b", "c"]);
    expect(heap.pop()).toBeUndefined();
  });

  it("breaks time ties by priority, then by insertion order", () => {
    const heap = new EventHeap<string>();
    heap.push(1, 5, "late-priority");
    heap.push(1, 0, "first-in");
    heap.push(1, 0, "second-in");
    heap.push(0.5, 9, "earlier-time");
    heap.push(1, -1, "urgent");
    const order: string[] = [];
    while (heap.size) order.push(heap.pop()!.payload);
    expect(order).toEqual(["earlier-time", "urgent", "first-in", "second-in", "late-priority"]);
  });

  it("matches a sorted reference on 10,000 random operations", () => {
    const random = createStream(3, "heap-test");
    const heap = new EventHeap<number>();
    const reference: { time: number; priority: number; seq: number }[] = [];
    let seq = 0;
    for (let i = 0; i < 10_000; i++) {
      if (random.next() < 0.6 || reference.length === 0) {
        // Coarse times and priorities force many ties.
        const time = Math.floor(random.next() * 50);
        const priority = Math.floor(random.next() * 3);
        heap.push(time, priority, seq);
        reference.push({ time, priority, seq });
        seq++;
      } else {
        reference.sort((a, b) => a.time - b.time || a.priority - b.priority || a.seq - b.seq);
        const expected = reference.shift()!;
        expect(heap.peekTime()).toBe(expected.time);
        expect(heap.pop()!.payload).toBe(expected.seq);
      }
      expect(heap.size).toBe(reference.length);
    }
  });
});
