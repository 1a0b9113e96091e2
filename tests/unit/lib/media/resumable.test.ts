import { describe, expect, it } from "vitest";
import { compareUploads, connectionLives, upload, wholeFileSuccessChance } from "@/lib/media/resumable";

describe("upload over scripted drops (hand-computed)", () => {
  const lives = [30, 30, 30, 30, 30]; // the chapter's example: a drop after every 30 MB

  it("a whole-file upload of 100 MB never finishes when no connection lasts 100 MB", () => {
    const r = upload(100, lives, null);
    expect(r.finished).toBe(false);
    expect(r.attempts).toBe(5);
    expect(r.sentMb).toBe(150);
    expect(r.wastedMb).toBe(150);
    expect(r.confirmedMb).toBe(0);
  });

  it("5 MB chunks: 30 MB per connection are 6 whole chunks, so 4 connections and exactly 100 MB", () => {
    const r = upload(100, lives, 5);
    expect(r.finished).toBe(true);
    expect(r.attempts).toBe(4);
    expect(r.sentMb).toBe(100);
    expect(r.wastedMb).toBe(0);
    expect(r.connections.map((c) => c.confirmedAfterMb)).toEqual([30, 60, 90, 100]);
  });

  it("8 MB chunks: each drop loses the 6 MB of the chunk in flight", () => {
    // 30 MB = 3 chunks (24 MB) + 6 MB lost, three times; then 28 MB remain and the fourth connection
    // (30 MB) carries them: 30 + 30 + 30 + 28 = 118 MB sent, 18 MB wasted.
    const r = upload(100, lives, 8);
    expect(r.connections.map((c) => c.confirmedAfterMb)).toEqual([24, 48, 72, 100]);
    expect(r.wastedMb).toBe(18);
    expect(r.sentMb).toBe(118);
    expect(r.attempts).toBe(4);
  });

  it("a connection that outlives the file carries only what is left", () => {
    const r = upload(10, [3, 50], null);
    expect(r).toMatchObject({ finished: true, attempts: 2, sentMb: 13, wastedMb: 3 });
  });
});

describe("seeded link", () => {
  it("is deterministic and has roughly the requested mean", () => {
    expect(connectionLives(20, 7, 5)).toEqual(connectionLives(20, 7, 5));
    const many = connectionLives(20, 1, 20000);
    const mean = many.reduce((a, b) => a + b, 0) / many.length;
    expect(mean).toBeGreaterThan(19);
    expect(mean).toBeLessThan(21);
  });

  it("chunked never sends more than whole-file on the same link, and wastes less than a chunk per drop", () => {
    for (let seed = 1; seed <= 30; seed++) {
      const c = compareUploads({ fileMb: 200, dropsEveryMb: 40, chunkMb: 5, seed });
      expect(c.chunked.finished).toBe(true);
      if (c.whole.finished) expect(c.chunked.sentMb).toBeLessThanOrEqual(c.whole.sentMb + 1e-9);
      expect(c.chunked.wastedMb).toBeLessThan(5 * (c.chunked.attempts - 1) + 1e-9);
    }
  });

  it("the whole-file success chance per connection is exp(-file/mean)", () => {
    expect(wholeFileSuccessChance(100, 100)).toBeCloseTo(Math.exp(-1), 12);
    expect(wholeFileSuccessChance(300, 50)).toBeCloseTo(0.00248, 5);
  });
});
