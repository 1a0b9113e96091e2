// A Break-it card applied to a lab that has reached its end rewinds it first (components/mdx/
// break-it-actions.tsx): seeking back reopens the run at once, so the play() after it is not refused,
// and the change then plays out from the start. Driven through the real controller and worker host.
import { describe, expect, it, vi } from "vitest";
import { createLabController } from "@/lib/lab/lab-controller";
import { createInProcessPort } from "@/lib/lab/lab-port";
import { preset } from "./fixtures";

describe("rewinding a finished lab", () => {
  it("seek(0) after the end reopens the run, and a change applied then plays from the start", async () => {
    const scenario = preset("queues/mm1-80");
    scenario.stop = { durationMs: 40_000 };
    scenario.warmupMs = 5_000;
    const controller = createLabController({ scenarioId: "queues/mm1-80", preset: scenario }, createInProcessPort());
    try {
      const state = () => controller.store.getState();
      await vi.waitFor(() => expect(state().status, String(state().error)).toBe("ready"), { timeout: 20_000 });
      controller.runToEnd();
      await vi.waitFor(() => expect(state().done).toBe(true), { timeout: 20_000 });
      expect(state().timeMs).toBe(40_000);

      controller.play();
      expect(state().playing, "play() at the end is refused").toBe(false);

      controller.seek(0);
      expect(state().done).toBe(false);
      expect(state().timeMs).toBe(0);
      expect(controller.applyChange({ params: { "consumer.workers": 2 } }, "card-1")).toBeNull();
      controller.play();
      expect(state().playing).toBe(true);
      // The worker answers from the start of the changed run, not from the old end.
      await vi.waitFor(() => expect(state().timeMs).toBeGreaterThan(0), { timeout: 20_000 });
      expect(state().edits.params["consumer.workers"]).toBe(2);
      controller.pause();
      expect(state().timeMs).toBeLessThan(40_000);
    } finally {
      controller.dispose();
    }
  });
});
