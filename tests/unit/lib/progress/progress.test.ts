import { describe, expect, it, vi } from "vitest";
import { createProgressStore, parseProgress, progressStorageKey, serializeProgress } from "@/lib/progress/progress";

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
}

describe("progress", () => {
  it("round-trips and tolerates junk", () => {
    expect([...parseProgress(serializeProgress(new Set(["b", "a"])))]).toEqual(["a", "b"]);
    expect(parseProgress("not json").size).toBe(0);
    expect(parseProgress('{"read": "x"}').size).toBe(0);
    expect(parseProgress(null).size).toBe(0);
  });

  it("persists changes and notifies subscribers", () => {
    const storage = memoryStorage();
    const store = createProgressStore(storage);
    const listener = vi.fn();
    store.subscribe(listener);
    store.setRead("intro", true);
    expect(store.getSnapshot().has("intro")).toBe(true);
    expect(storage.data.get(progressStorageKey)).toBe('{"read":["intro"]}');
    expect(listener).toHaveBeenCalledTimes(1);
    store.setRead("intro", false);
    expect(createProgressStore(storage).getSnapshot().size).toBe(0);
  });

  it("reloads on external changes (another tab)", () => {
    const storage = memoryStorage();
    let fire = () => {};
    const store = createProgressStore(storage, (callback) => {
      fire = callback;
      return () => {};
    });
    const listener = vi.fn();
    store.subscribe(listener);
    storage.setItem(progressStorageKey, '{"read":["x"]}');
    fire();
    expect(store.getSnapshot().has("x")).toBe(true);
    expect(listener).toHaveBeenCalled();
  });
});
