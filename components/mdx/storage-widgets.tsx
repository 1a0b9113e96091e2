/**
 * The ID-generation and time-series widgets MDX may use (content/README.md, "Interactive widgets"):
 * server components that check their props (a bad one fails the build naming the component and
 * prop) and render a lazily hydrated island.
 */
import { CollisionOddsIsland, IdGeneratorIsland } from "@/components/ids/islands";
import { GorillaCompressionIsland } from "@/components/tsdb/islands";
import type { IdScheme } from "@/lib/ids/id-schemes";
import type { SeriesPreset } from "@/lib/tsdb/series";

function num(component: string, prop: string, value: unknown, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) throw new Error(`<${component}> ${prop} must be a number from ${min} to ${max} (got ${JSON.stringify(value)})`);
  return value;
}

function oneOf<T extends string>(component: string, prop: string, value: unknown, fallback: T, allowed: readonly T[]): T {
  if (value === undefined) return fallback;
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) throw new Error(`<${component}> ${prop} must be one of ${allowed.map((a) => `"${a}"`).join(", ")} (got ${JSON.stringify(value)})`);
  return value as T;
}

export interface IdGeneratorMdxProps {
  /** "uuid-v4", "uuid-v7" (default), "ulid" or "snowflake". */
  scheme?: IdScheme;
  /** How far the clock steps back halfway, 0–10 ms (default 0). */
  rollbackMs?: number;
}

/** Twelve IDs of one scheme against a scripted clock: layout, order, and a clock that steps back. */
export function IdGenerator({ scheme, rollbackMs }: IdGeneratorMdxProps) {
  const r = num("IdGenerator", "rollbackMs", rollbackMs, 0, 0, 10);
  if (!Number.isInteger(r)) throw new Error(`<IdGenerator> rollbackMs must be a whole number of ms (got ${r})`);
  return <IdGeneratorIsland scheme={oneOf<IdScheme>("IdGenerator", "scheme", scheme, "uuid-v7", ["uuid-v4", "uuid-v7", "ulid", "snowflake"])} rollbackMs={r} />;
}

export interface CollisionOddsMdxProps {
  /** Random bits, 16–160 (default 122). */
  bits?: number;
  /** Number of IDs (default 1e12). */
  ids?: number;
}

/** The birthday bound for n random IDs of b bits, computed live. */
export function CollisionOdds({ bits, ids }: CollisionOddsMdxProps) {
  const b = num("CollisionOdds", "bits", bits, 122, 16, 160);
  if (!Number.isInteger(b)) throw new Error(`<CollisionOdds> bits must be a whole number (got ${b})`);
  return <CollisionOddsIsland bits={b} ids={num("CollisionOdds", "ids", ids, 1e12, 0, 1e40)} />;
}

export interface GorillaCompressionMdxProps {
  /** "gauge" (default), "counter", "constant", "jitter" or "random". */
  preset?: SeriesPreset;
}

/** Delta-of-delta and XOR compression of a series the learner picks or edits. */
export function GorillaCompression({ preset }: GorillaCompressionMdxProps) {
  return <GorillaCompressionIsland preset={oneOf<SeriesPreset>("GorillaCompression", "preset", preset, "gauge", ["gauge", "counter", "constant", "jitter", "random"])} />;
}
