/**
 * Scoring a <Predict> guess against the measured value: how far off, in numbers and in words.
 * The error is relative to the measured value, or to the question's range when the measured value is
 * near zero (a relative error against 0 says nothing).
 */
import { formatMetric } from "./metrics";

export type Closeness = "spot-on" | "close" | "off" | "far-off";

export interface PredictionScore {
  guess: number;
  measured: number;
  /** guess - measured */
  difference: number;
  /** |difference| as a share of the reference (measured, or the range near zero). */
  relativeError: number;
  closeness: Closeness;
  /** "Your guess was 112 ms too high (25% above the measured 450 ms)." */
  summary: string;
  /** "Close: within 25%." */
  verdict: string;
}

const verdicts: Record<Closeness, string> = {
  "spot-on": "Spot on",
  close: "Close",
  off: "Off",
  "far-off": "Far off",
};

/** Scores a guess; `min`/`max` are the question's range, used when the measured value is ~0. */
export function scorePrediction(guess: number, measured: number, options: { metric: string; unit?: string; min?: number; max?: number }): PredictionScore {
  const difference = guess - measured;
  const range = options.min !== undefined && options.max !== undefined ? options.max - options.min : 0;
  const reference = Math.abs(measured) > 1e-9 && !(range > 0 && Math.abs(measured) < range * 0.01) ? Math.abs(measured) : range > 0 ? range : 1;
  const relativeError = Math.abs(difference) / reference;
  const closeness: Closeness = relativeError <= 0.05 ? "spot-on" : relativeError <= 0.25 ? "close" : relativeError <= 1 ? "off" : "far-off";
  const fmt = (v: number) => formatMetric(options.metric, v, options.unit);
  const percent = Math.round(relativeError * 100);
  // Below half a percent, "0% below" reads as nonsense: say "less than 1%".
  const percentText = percent === 0 ? "less than 1%" : `${percent}%`;
  const basis = reference === Math.abs(measured) ? `${percentText} ${difference > 0 ? "above" : "below"} the measured ${fmt(measured)}` : `${percentText} of the range`;
  const summary =
    Math.abs(difference) < 1e-9
      ? `Your guess matches the measured ${fmt(measured)} exactly.`
      : `Your guess was ${fmt(Math.abs(difference))} too ${difference > 0 ? "high" : "low"} (${basis}).`;
  const verdict = closeness === "spot-on" ? `${verdicts[closeness]}: within 5%.` : closeness === "close" ? `${verdicts[closeness]}: within 25%.` : closeness === "off" ? `${verdicts[closeness]} by ${percent}%.` : `${verdicts[closeness]}: the gap is bigger than the measured value itself.`;
  return { guess, measured, difference, relativeError, closeness, summary, verdict };
}
