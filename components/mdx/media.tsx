/**
 * The media-processing widget MDX may use (content/README.md, "Interactive widgets"): a server
 * component that checks its props (a bad one fails the build naming the component and prop) and
 * renders a lazily hydrated island.
 */
import { ResumableUploadIsland } from "@/components/media/islands";

const STEPS = { file: 5, drops: 5, chunk: 5 } as const;

function step(prop: keyof typeof STEPS, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value >= STEPS[prop]) throw new Error(`<ResumableUpload> ${prop} must be a whole number from 0 to ${STEPS[prop] - 1} (got ${JSON.stringify(value)})`);
  return value;
}

export interface ResumableUploadMdxProps {
  /** Step of the file-size slider: 0–4 for 20, 50, 100, 300, 1,000 MB (default 3). */
  file?: number;
  /** Step of the drop slider: 0–4 for a drop every 10, 25, 50, 100, 250 MB on average (default 2). */
  drops?: number;
  /** Step of the chunk slider: 0–4 for 1, 5, 8, 16, 64 MB (default 1). */
  chunk?: number;
  /** Seed of the link's drops, a whole number from 1 (default 1). */
  seed?: number;
}

/** Whole-file against chunked resumable upload over the same seeded, dropping link. */
export function ResumableUpload({ file, drops, chunk, seed }: ResumableUploadMdxProps) {
  if (seed !== undefined && (typeof seed !== "number" || !Number.isInteger(seed) || seed < 1)) throw new Error(`<ResumableUpload> seed must be a whole number from 1 (got ${JSON.stringify(seed)})`);
  return <ResumableUploadIsland file={step("file", file, 3)} drops={step("drops", drops, 2)} chunk={step("chunk", chunk, 1)} seed={seed ?? 1} />;
}
