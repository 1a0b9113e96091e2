import { describe, expect, it } from "vitest";
import type { LogEvent } from "@/simulations";
import { processStatesAt, raftLogMatrix } from "@/lib/spacetime/process-states";

const state = (seq: number, atMs: number, process: string, detail: Record<string, unknown>): LogEvent => ({ seq, atMs, process, type: "state", detail: JSON.stringify(detail) });

describe("process states at a moment", () => {
  const lanes = new Map<string, LogEvent[]>([
    ["r1", [state(1, 10, "r1", { role: "candidate", term: 1, log: 0, commit: 0, tailFrom: 1, tail: "" }), state(3, 20, "r1", { role: "leader", term: 1, log: 2, commit: 1, tailFrom: 1, tail: "1,1" }), { seq: 5, atMs: 40, process: "r1", type: "crash" }]],
    ["r2", [state(2, 15, "r2", { role: "follower", term: 1, log: 1, commit: 0, tailFrom: 1, tail: "1" })]],
    ["c1", []],
  ]);
  const log = { processes: ["r1", "r2", "c1"], lanes };

  it("takes the last state at or before the moment and notes crashes", () => {
    const at15 = processStatesAt(log, 15);
    expect(at15[0].state?.role).toBe("candidate");
    expect(at15[1].state?.role).toBe("follower");
    expect(at15[2].state).toBeNull();
    expect(processStatesAt(log, 25)[0].state?.role).toBe("leader");
    expect(processStatesAt(log, 45)[0].up).toBe(false);
  });

  it("builds the log matrix from the servers' published tails, leaving out non-servers", () => {
    const m = raftLogMatrix(log, 30);
    expect(m.rows.map((r) => r.id)).toEqual(["r1", "r2"]);
    expect(m.from).toBe(1);
    expect(m.to).toBe(2);
    expect([...m.rows[0].terms]).toEqual([[1, 1], [2, 1]]);
    expect(m.rows[0].commit).toBe(1);
  });
});
