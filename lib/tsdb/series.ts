/**
 * Example series for the compression widget, generated from a seed: a regular gauge, a counter,
 * an "up" metric that never changes, a gauge scraped with timestamp jitter, and random doubles (the
 * worst case for XOR). Pure TypeScript.
 */
import { seededRandom } from "@/lib/ids/id-schemes";
import type { Point } from "./gorilla";

export type SeriesPreset = "gauge" | "counter" | "constant" | "jitter" | "random";

export const seriesPresetLabel: Record<SeriesPreset, string> = {
  gauge: "CPU % every 10 s, whole percents",
  counter: "request counter every 15 s",
  constant: "up = 1 every 30 s",
  jitter: "gauge every 10 s with ±1 s jitter",
  random: "random doubles every 10 s",
};

/** `count` points of a preset starting at `startSec`. */
export function presetSeries(preset: SeriesPreset, count = 120, startSec = 1_767_225_600, seed = 3): Point[] {
  const next = seededRandom(seed);
  const u = () => next() / 2 ** 32;
  const out: Point[] = [];
  let level = 40;
  let total = 10_000;
  for (let i = 0; i < count; i++) {
    switch (preset) {
      case "gauge":
        level = Math.min(100, Math.max(0, level + Math.round((u() - 0.5) * 4)));
        out.push({ t: startSec + 10 * i, v: level });
        break;
      case "counter":
        total += Math.floor(u() * 30);
        out.push({ t: startSec + 15 * i, v: total });
        break;
      case "constant":
        out.push({ t: startSec + 30 * i, v: 1 });
        break;
      case "jitter":
        level = Math.min(100, Math.max(0, level + Math.round((u() - 0.5) * 4)));
        out.push({ t: startSec + 10 * i + (i === 0 ? 0 : Math.floor(u() * 3) - 1), v: level });
        break;
      case "random":
        out.push({ t: startSec + 10 * i, v: u() * 1000 });
        break;
    }
  }
  return out;
}

/** A series as the "t, v" lines the widget's editor shows. */
export const seriesText = (points: readonly Point[]) => points.map((p) => `${p.t}, ${p.v}`).join("\n");
