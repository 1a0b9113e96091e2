/**
 * The storage-durability widget MDX may use (content/README.md, "Interactive widgets"): a server
 * component that checks its props (a bad one fails the build naming the component and prop) and
 * renders a lazily hydrated island.
 */
import { DurabilityCalcIsland } from "@/components/storage/islands";
import { AFR_CHOICES, REPAIR_CHOICES } from "@/lib/storage/durability";

function whole(prop: string, value: unknown, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) throw new Error(`<DurabilityCalc> ${prop} must be a whole number from ${min} to ${max} (got ${JSON.stringify(value)})`);
  return value;
}

function choice(prop: string, value: unknown, fallback: number, allowed: readonly number[]): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !allowed.includes(value)) throw new Error(`<DurabilityCalc> ${prop} must be one of ${allowed.join(", ")} (got ${JSON.stringify(value)})`);
  return value;
}

export interface DurabilityCalcMdxProps {
  copies?: number;
  k?: number;
  m?: number;
  afrPercent?: number;
  repairHours?: number;
}

/** n copies against RS(k, m): overhead, rebuild reads and the chance of loss during a rebuild. */
export function DurabilityCalc({ copies, k, m, afrPercent, repairHours }: DurabilityCalcMdxProps) {
  return (
    <DurabilityCalcIsland
      copies={whole("copies", copies, 3, 1, 5)}
      k={whole("k", k, 6, 2, 16)}
      m={whole("m", m, 3, 1, 6)}
      afrPercent={choice("afrPercent", afrPercent, 2, AFR_CHOICES)}
      repairHours={choice("repairHours", repairHours, 24, REPAIR_CHOICES)}
    />
  );
}
