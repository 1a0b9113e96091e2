/**
 * The write-ahead-log widget MDX may use (content/README.md, "Interactive widgets"): checks its prop
 * (a bad one fails the build naming it) and renders a lazily hydrated island.
 */
import { WalCrashIsland } from "@/components/wal/islands";

export interface WalCrashMdxProps {
  /** Step to start on, 0–9 (default 7, just before the commit's fsync). */
  step?: number;
}

/** A transfer's WAL records, the commit fsync and a crash before or after it, with recovery. */
export function WalCrash({ step }: WalCrashMdxProps) {
  if (step !== undefined && (typeof step !== "number" || !Number.isInteger(step) || step < 0 || step > 9)) throw new Error(`<WalCrash> step must be a whole number from 0 to 9 (got ${JSON.stringify(step)})`);
  return <WalCrashIsland step={step ?? 7} />;
}
