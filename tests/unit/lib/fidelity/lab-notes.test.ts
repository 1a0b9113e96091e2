/** Every lab gets a fidelity line: every preset's kinds (and every registered kind) are in the table. */
import { describe, expect, it } from "vitest";
import { nodeKinds } from "@/simulations";
import { KIND_NOTES, labFidelityNote } from "@/lib/fidelity/lab-notes";
import { FIDELITY_FAMILIES } from "@/lib/fidelity/families";
import { listPresetIds, loadPreset } from "@/lib/lab/presets";

describe("lab fidelity notes", () => {
  it("cover every registered node kind, each linking to a real family", () => {
    for (const kind of Object.keys(nodeKinds)) {
      expect(KIND_NOTES[kind], `add "${kind}" to KIND_NOTES in lib/fidelity/lab-notes.ts`).toBeDefined();
      expect(FIDELITY_FAMILIES[KIND_NOTES[kind].family]).toBeDefined();
    }
  });

  it("give every preset a line that says what it models and leaves out", () => {
    for (const id of listPresetIds()) {
      const note = labFidelityNote(loadPreset(id)!);
      expect(note.unknownKinds, id).toEqual([]);
      expect(note.models.length, id).toBeGreaterThan(0);
      expect(note.leavesOut.length, id).toBeGreaterThan(0);
      expect(FIDELITY_FAMILIES[note.family], id).toBeDefined();
    }
  });

  it("links a closed-loop lab to the closed-loop rows", () => {
    const note = labFidelityNote({ nodes: [{ id: "u", kind: "source", users: 10 } as never, { id: "api", kind: "server" } as never] });
    expect(note.family).toBe("closed-loop");
  });
});
