/**
 * Exports a lab run as an animated GIF for slides and chat: the seeded run is re-simulated from the
 * lab's exact state (same scenario, edits and seed, so the same requests) and drawn frame by frame
 * onto a canvas: the graph with each node's busy workers and queue, edge traffic, failures in red,
 * and the simulated clock. gifenc (MIT, no dependencies, ~9 KB) encodes it; it is loaded only when
 * the learner asks for an export. Browser-only (needs a canvas).
 */
import type { Scenario } from "@/simulations";
import type { LabEdits } from "@/lib/lab/edit-timeline";
import { LabEngine } from "@/lib/lab/lab-engine";
import { layeredLayout } from "@/lib/lab/layout";

export interface GifOptions {
  fromMs: number;
  toMs: number;
  frames?: number;
  widthPx?: number;
  heightPx?: number;
  /** Frame delay in the GIF, ms. */
  delayMs?: number;
  dark?: boolean;
  title?: string;
  onProgress?: (fraction: number) => void;
}

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** Renders and encodes the run; resolves to the GIF bytes. */
export async function renderRunGif(scenario: Scenario, edits: LabEdits, seed: number, options: GifOptions): Promise<Uint8Array> {
  const { GIFEncoder, quantize, applyPalette } = await import("gifenc");
  const frames = options.frames ?? 60;
  const w = options.widthPx ?? 640;
  const h = options.heightPx ?? 360;
  const colours = options.dark
    ? { bg: "#111216", node: "#181a20", line: "#3a3d46", fg: "#ebe8e2", muted: "#a7abb4", accent: "#fb923c", bad: "#f87171" }
    : { bg: "#fbfaf7", node: "#ffffff", line: "#d6d2c8", fg: "#1a1c20", muted: "#555a64", accent: "#c2410c", bad: "#b91c1c" };
  const canvas = document.createElement("canvas");
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  if (!ctx) throw new Error("This browser cannot draw on a canvas.");

  const positions = layeredLayout(scenario, { columnGapPx: 200, rowGapPx: 90 });
  const xs = Object.values(positions).map((p) => p.x);
  const ys = Object.values(positions).map((p) => p.y);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const scale = Math.min(1, (w - 160) / Math.max(1, maxX - minX), (h - 130) / Math.max(1, maxY - minY));
  const at = (id: string) => {
    const p = positions[id] ?? { x: 0, y: 0 };
    return { x: 80 + (p.x - minX) * scale + (w - 160 - (maxX - minX) * scale) / 2, y: 70 + (p.y - minY) * scale + (h - 130 - (maxY - minY) * scale) / 2 };
  };

  const engine = new LabEngine();
  engine.load(scenario, edits, seed, options.fromMs);
  const gif = GIFEncoder();
  const span = Math.max(1, options.toMs - options.fromMs);
  for (let i = 0; i < frames; i++) {
    const t = options.fromMs + (span * i) / Math.max(1, frames - 1);
    engine.runTo(t);
    const frame = engine.frame();
    ctx.fillStyle = colours.bg;
    ctx.fillRect(0, 0, w, h);
    ctx.font = "600 15px sans-serif";
    ctx.fillStyle = colours.fg;
    ctx.fillText((options.title ?? scenario.title).slice(0, 70), 12, 22);
    ctx.font = "13px monospace";
    ctx.fillStyle = colours.muted;
    ctx.fillText(`t = ${(t / 1000).toFixed(1)} s   seed ${seed}   p99 ${Math.round(frame.report.latencyMs.p99)} ms`, 12, 42);
    scenario.edges.forEach((edge, e) => {
      const a = at(edge.from);
      const b = at(edge.to);
      const stat = frame.edgeStats[e];
      const cut = frame.partitioned.includes(`${edge.from}->${edge.to}`) || (edge.id !== undefined && frame.partitioned.includes(edge.id));
      ctx.strokeStyle = cut || (stat && stat.failShare > 0.2) ? colours.bad : colours.line;
      ctx.lineWidth = 1 + Math.min(6, Math.sqrt(stat?.ratePerSec ?? 0) / 3);
      ctx.setLineDash(cut ? [6, 5] : []);
      ctx.beginPath();
      ctx.moveTo(a.x, a.y);
      ctx.lineTo(b.x, b.y);
      ctx.stroke();
    });
    ctx.setLineDash([]);
    for (const node of scenario.nodes) {
      const p = at(node.id);
      const g = frame.gauges[node.id] ?? {};
      const crashed = g.crashed === true;
      ctx.fillStyle = colours.node;
      ctx.strokeStyle = crashed ? colours.bad : colours.line;
      ctx.lineWidth = crashed ? 3 : 1.5;
      ctx.beginPath();
      ctx.roundRect(p.x - 60, p.y - 26, 120, 52, 8);
      ctx.fill();
      ctx.stroke();
      ctx.fillStyle = colours.fg;
      ctx.font = "600 12px sans-serif";
      ctx.fillText(node.id.slice(0, 16), p.x - 52, p.y - 9);
      ctx.font = "11px monospace";
      ctx.fillStyle = crashed ? colours.bad : colours.muted;
      const busy = num(g.busy);
      const workers = num(g.workers);
      const queue = num(g.queue);
      const line = crashed ? "crashed" : busy !== null && workers !== null ? `busy ${busy}/${workers}${queue !== null ? ` q ${queue}` : ""}` : node.kind;
      ctx.fillText(line.slice(0, 18), p.x - 52, p.y + 8);
      if (busy !== null && workers) {
        ctx.fillStyle = colours.accent;
        ctx.fillRect(p.x - 52, p.y + 14, 104 * Math.min(1, busy / workers), 4);
      }
    }
    const rgba = ctx.getImageData(0, 0, w, h).data;
    const palette = quantize(rgba, 64);
    gif.writeFrame(applyPalette(rgba, palette), w, h, { palette, delay: options.delayMs ?? 100 });
    options.onProgress?.((i + 1) / frames);
    // Let the page breathe between frames.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  gif.finish();
  return gif.bytes();
}
