import { describe, expect, it } from "vitest";
import { createProgressStore, parseProgressFile, progressFileText, MAX_PROGRESS_FILE_BYTES, type KeyValueStorage } from "@/lib/progress/progress";

describe("progress files", () => {
  it("round-trip, sorted and without duplicates", () => {
    const text = progressFileText(["queues", "caching", "queues"], ["size-the-queue"]);
    expect(JSON.parse(text)).toEqual({ format: "faultline-progress", version: 1, read: ["caching", "queues"], solvedChallenges: ["size-the-queue"] });
    expect(parseProgressFile(text)).toEqual({ ok: true, file: { format: "faultline-progress", version: 1, read: ["caching", "queues"], solvedChallenges: ["size-the-queue"] } });
  });

  it("refuse bad files with a message naming the problem", () => {
    const good = { format: "faultline-progress", version: 1, read: [], solvedChallenges: [] };
    const cases: [string, RegExp][] = [
      ["not json", /not JSON/],
      ["[]", /not a JSON object/],
      [JSON.stringify({ ...good, format: "faultline-lab" }), /"format"/],
      [JSON.stringify({ ...good, version: 2 }), /version 2/],
      [JSON.stringify({ ...good, extra: true }), /unknown field "extra"/],
      ['{"format":"faultline-progress","version":1,"read":[],"solvedChallenges":[],"__proto__":{"x":1}}', /unknown field "__proto__"/],
      [JSON.stringify({ ...good, read: "queues" }), /"read" must be a list/],
      [JSON.stringify({ ...good, read: ["<script>"] }), /not one/],
      [JSON.stringify({ ...good, solvedChallenges: [1] }), /"solvedChallenges" has an id/],
      [JSON.stringify({ ...good, read: Array.from({ length: 2001 }, (_, i) => `c${i}`) }), /more than 2000/],
      ["x".repeat(MAX_PROGRESS_FILE_BYTES + 1), /too large/],
    ];
    for (const [text, message] of cases) {
      const result = parseProgressFile(text);
      expect(result.ok, text.slice(0, 60)).toBe(false);
      if (!result.ok) expect(result.error).toMatch(message);
    }
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it("setAll replaces the stored set and notifies", () => {
    const data = new Map<string, string>();
    const storage: KeyValueStorage = { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
    const store = createProgressStore(storage);
    let calls = 0;
    store.subscribe(() => calls++);
    store.setRead("a", true);
    store.setAll(["b", "c"]);
    expect([...store.getSnapshot()].sort()).toEqual(["b", "c"]);
    expect(calls).toBe(2);
    expect(createProgressStore(storage).getSnapshot()).toEqual(new Set(["b", "c"]));
  });
});
