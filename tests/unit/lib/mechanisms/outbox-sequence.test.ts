/**
 * The outbox sequence against what each design promises: a dual write that crashes between its
 * writes leaves the change committed and the event nowhere; an outbox whose relay crashes before
 * marking publishes the event twice, and billing applies it once; without the crash both deliver.
 */
import { describe, expect, it } from "vitest";
import { outboxSequence } from "@/lib/mechanisms/outbox-sequence";

const last = (t: ReturnType<typeof outboxSequence>) => t.messages[t.messages.length - 1].states;
const publishes = (t: ReturnType<typeof outboxSequence>) => t.messages.filter((m) => m.to === "Broker" && m.label.startsWith("publish")).length;

describe("outbox sequence", () => {
  it("dual write with a crash: committed in the database, never published, billing never hears", () => {
    const t = outboxSequence("dual-write", true);
    expect(publishes(t)).toBe(0);
    expect(last(t).Database).toBe("committed");
    expect(last(t).Billing).toBe("never hears");
    expect(t.messages.some((m) => m.lost)).toBe(true);
  });

  it("outbox with a relay crash: published twice, marked once, applied once", () => {
    const t = outboxSequence("outbox", true);
    expect(publishes(t)).toBe(2);
    expect(t.messages.filter((m) => m.label.startsWith("mark")).length).toBe(1);
    expect(last(t).Billing).toMatch(/skipped/);
    expect(last(t).Database).toBe("committed (e1 sent)");
    // The row stays unsent from the commit until it is marked, across the relay's crash.
    const crashAt = t.messages.findIndex((m) => m.from === "Relay" && m.label === "crash");
    expect(t.messages[crashAt].states.Database).toBe("committed (e1 unsent)");
  });

  it("without the crash both deliver exactly once, and every step has a sentence and every participant a state", () => {
    for (const mode of ["dual-write", "outbox"] as const) {
      const t = outboxSequence(mode, false);
      expect(publishes(t)).toBe(1);
      expect(last(t).Billing).toBe("applied e1");
      for (const m of t.messages) {
        expect(m.note.length).toBeGreaterThan(10);
        for (const p of t.participants) expect(m.states[p]).toBeTruthy();
      }
    }
  });
});
