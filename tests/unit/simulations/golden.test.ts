/**
 * The safety net of the kernel refactor (issue 11): every preset, run in-process at its own seed, gives
 * exactly the report pinned in tests/fixtures/golden/. A difference is either a bug or a deliberate
 * change; for the latter run `npm run golden -- --update` and commit the new files with the reason.
 */
import { describe, expect, it } from "vitest";
import { jsonDiff, presetGroups, presetId, readGolden, runPreset } from "../../helpers/golden";

for (const [group, files] of presetGroups()) {
  describe(`golden reports: ${group}`, () => {
    const pinned = readGolden(group);
    for (const file of files) {
      const { name } = presetId(file);
      it(`${name} matches its pinned report`, () => {
        expect(pinned[name], `no pinned report for ${group}/${name}: run npm run golden -- --update`).toBeDefined();
        const report = runPreset(file);
        const q = report.requests;
        expect(q.arrived).toBe(q.completed + q.failed + q.dropped + q.inFlight);
        // The diff names the fields that moved; the equality then guards everything.
        expect(jsonDiff(pinned[name], report)).toEqual([]);
        expect(report).toEqual(pinned[name]);
      });
    }
    it("pins no preset that no longer exists", () => {
      const names = new Set(files.map((f) => presetId(f).name));
      expect(Object.keys(pinned).filter((n) => !names.has(n))).toEqual([]);
    });
  });
}
