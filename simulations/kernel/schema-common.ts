/**
 * Schema pieces every node kind shares: ids, durations (`Dist`) and rates. Conventions of the
 * scenario format: durations in milliseconds with names ending in `Ms`, rates per second ending in
 * `PerSec`, ratios from 0 to 1, ids in kebab-case.
 */
import { literal, number, object, string, tagged, type Schema } from "./schema-builder";
import type { Dist } from "../engine/distributions";

export const kebabId = (title = "Id") =>
  string({ title, pattern: /^[a-z0-9]+(?:-[a-z0-9]+)*$/, patternName: "a kebab-case id such as \"api-2\"", maxLength: 64 });

const positiveMs = (title: string) => number({ above: 0, title, unit: "ms", uiMin: 1, uiMax: 1000 });
const nonNegativeMs = (title: string) => number({ min: 0, title, unit: "ms", uiMin: 0, uiMax: 1000 });

/** A duration distribution, e.g. `{ "dist": "exponential", "meanMs": 50 }`. */
export const distSchema: Schema<Dist> = tagged<Dist>("dist", {
  exponential: object({ dist: literal("exponential"), meanMs: positiveMs("Mean") }, { name: "an exponential distribution" }),
  constant: object({ dist: literal("constant"), ms: nonNegativeMs("Duration") }, { name: "a constant distribution" }),
  uniform: object({ dist: literal("uniform"), minMs: nonNegativeMs("Minimum"), maxMs: nonNegativeMs("Maximum") }, { name: "a uniform distribution" }),
  lognormal: object(
    { dist: literal("lognormal"), medianMs: positiveMs("Median"), sigma: number({ min: 0, max: 5, title: "Sigma (spread)", uiMin: 0, uiMax: 2, uiStep: 0.05 }) },
    { name: "a lognormal distribution" },
  ),
}, { title: "Duration distribution" });
