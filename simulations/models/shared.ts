/**
 * Small helpers shared by the models.
 */
/** Rounds for reports: enough digits to compare with theory, few enough to read. */
export function round(value: number, digits = 6): number {
  if (!Number.isFinite(value)) return value;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** The FIFO queue lives in the kernel beside the Resource built on it. */
export { Fifo } from "../kernel/resource";
