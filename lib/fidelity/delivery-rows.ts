/**
 * Fidelity rows for the delivery widgets: the transport arithmetic of the real-time chapter
 * (lib/realtime/transports.ts) against polls counted on a timeline, and the resumable-upload model of
 * the media chapter (lib/media/resumable.ts) against the geometric law of whole-file retries and the
 * one-chunk bound on what a drop wastes.
 */
import { transportCosts, withAssumptions } from "@/lib/realtime/transports";
import { compareUploads, seededRandom } from "@/lib/media/resumable";
import type { RowSpec } from "./rows";

const SETTINGS = 40;

/**
 * Share of polls that carry no update, counted on a cyclic timeline: updates every `u` s, polls every
 * `t` s from a phase `phase` in [0, t); a poll is empty when no update fell in the interval since the
 * previous poll. The horizon is a common multiple of both periods, so the count wraps exactly.
 */
export function countedEmptyShare(u: number, t: number, phase: number): number {
  const horizon = u * t * 10;
  const polls = horizon / t;
  const hit = new Set<number>();
  for (let k = 0; k < horizon / u; k++) {
    const at = k * u;
    // The poll that collects an update at `at` is the first poll at or after it (cyclically).
    const j = Math.ceil((at - phase) / t);
    hit.add(((j % polls) + polls) % polls);
  }
  return 1 - hit.size / polls;
}

/** Every delivery row, in page order. */
export function deliveryRowSpecs(): RowSpec[] {
  return [
    {
      id: "delivery-polling-empty-share",
      family: "delivery",
      compared: "settings where the widget's share of empty polls differs from polls counted on a timeline",
      setting: `${SETTINGS} seeded settings per replication: update period and poll interval 1–30 s, random phase`,
      unit: "count",
      comparison: "equal",
      theory: 0,
      replications: 20,
      method: "evenly spaced updates and polls on a cyclic timeline; a poll is empty when no update arrived since the previous poll",
      sample: (seed) => {
        const rnd = seededRandom(seed * 7919);
        let bad = 0;
        for (let i = 0; i < SETTINGS; i++) {
          const u = 1 + Math.floor(rnd() * 30);
          const t = 1 + Math.floor(rnd() * 30);
          const phase = rnd() * t;
          const polling = transportCosts(withAssumptions({ clients: 100, updatesPerSec: 1 / u, payloadBytes: 100, pollIntervalS: t }))[0];
          const model = polling.emptyResponsesPerSec / polling.requestsPerSec;
          if (Math.abs(model - countedEmptyShare(u, t, phase)) > 1e-9) bad++;
        }
        return bad;
      },
      widget: { href: "/learn/real-time-communication#websocket-vs-sse-vs-long-polling", label: "Try it in the transport widget" },
    },
    {
      id: "delivery-whole-file-attempts",
      family: "delivery",
      compared: "connections a whole-file upload needs to finish, against e^(file / mean MB between drops)",
      setting: "50 MB file, a drop every 50 MB on average (exponential), so e¹ ≈ 2.718",
      unit: "attempts",
      comparison: "interval",
      theory: Math.E,
      replications: 400,
      method: "one seeded link per replication; each connection succeeds with probability e^(−file/mean), so attempts are geometric",
      sample: (seed) => compareUploads({ fileMb: 50, dropsEveryMb: 50, chunkMb: 5, seed, maxAttempts: 10_000 }).whole.attempts,
      widget: { href: "/learn/media-processing#resumable-upload", label: "Try it in the upload widget" },
    },
    {
      id: "delivery-chunk-waste-bound",
      family: "delivery",
      compared: "largest MB one drop wastes in a chunked resumable upload, against the chunk size",
      setting: "300 MB file, a drop every 20 MB on average, 8 MB chunks",
      unit: "",
      comparison: "at-most",
      theory: 8,
      replications: 100,
      method: "per connection: MB carried minus MB newly confirmed; the worst connection of each seeded link",
      sample: (seed) => {
        const run = compareUploads({ fileMb: 300, dropsEveryMb: 20, chunkMb: 8, seed, maxAttempts: 1000 }).chunked;
        let before = 0;
        let worst = 0;
        for (const c of run.connections) {
          worst = Math.max(worst, c.carriedMb - (c.confirmedAfterMb - before));
          before = c.confirmedAfterMb;
        }
        return worst;
      },
      widget: { href: "/learn/media-processing#resumable-upload", label: "Try it in the upload widget" },
    },
  ];
}
