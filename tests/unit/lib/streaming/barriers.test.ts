import { describe, expect, it } from "vitest";
import { checkpointSteps, expectedOutput, RECORDS_A, RECORDS_B } from "@/lib/streaming/barriers";

describe("an aligned barrier checkpoint, a crash and a restore", () => {
  it("the snapshot holds exactly the records before the barriers on both inputs", () => {
    const steps = checkpointSteps("plain");
    const snap = steps.find((s) => s.snapshot)!.snapshot!;
    expect(snap.sum).toBe(RECORDS_A.slice(0, snap.offsetA).reduce((a, b) => a + b, 0) + RECORDS_B.slice(0, snap.offsetB).reduce((a, b) => a + b, 0));
    // While input A is blocked, nothing from A is processed.
    for (let i = 1; i < steps.length; i++) if (steps[i - 1].blockedA) expect(steps[i].channelA.length).toBe(steps[i - 1].channelA.length);
    expect(steps.some((s) => s.blockedA)).toBe(true);
  });

  it("state ends exact in both modes; a plain sink duplicates the output after the checkpoint, a transactional one does not", () => {
    const want = expectedOutput();
    const plain = checkpointSteps("plain");
    const tx = checkpointSteps("transactional");
    expect(plain.at(-1)!.sum).toBe(want.at(-1));
    expect(tx.at(-1)!.sum).toBe(want.at(-1));
    expect(tx.at(-1)!.visible).toEqual(want);
    const snapSum = plain.find((s) => s.snapshot)!.snapshot!.sum;
    const afterCheckpoint = want.filter((v) => v > snapSum);
    expect(plain.at(-1)!.visible).toEqual([...want, ...afterCheckpoint]);
    // A transactional sink never shows output that a restore then takes back.
    for (let i = 1; i < tx.length; i++) expect(tx[i].visible.slice(0, tx[i - 1].visible.length)).toEqual(tx[i - 1].visible);
  });
});
