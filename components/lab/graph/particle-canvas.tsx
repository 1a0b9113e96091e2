"use client";
/**
 * Request particles on a canvas over the graph. Hops arrive from the worker already sampled; this
 * layer draws them with requestAnimationFrame, reading node positions and the viewport straight from
 * xyflow's store, so no React render happens per particle or per animation frame. The loop sleeps
 * when nothing moves. Above {@link MAX_PARTICLES} new hops are skipped (a sample of a sample), which
 * keeps 1,000+ req/s smooth.
 */
import { useStoreApi } from "@xyflow/react";
import { useEffect, useImperativeHandle, useRef, type Ref } from "react";
import type { Hop, HopOutcome } from "@/lib/lab/protocol";
import { useLab } from "../lab-context";
import { edgeCurve, pointOnCurve, type Curve } from "./edge-geometry";
import { outcomeStyles } from "./outcome-style";

const MAX_PARTICLES = 500;
const TRAVEL_MS = 900;
/** Particles are big enough to follow one request (radius in screen px). */
const particleSize = (zoom: number) => Math.max(3.5, 4.5 * zoom);
/** Gap between successive particles on one edge, in particle diameters: at high rates the sample thins instead of merging into a worm. */
const SPACING_DIAMETERS = 3;

interface Particle {
  edge: number;
  bornAt: number;
  outcome: HopOutcome;
  requestId: number;
}

export interface ParticleHandle {
  /** The request of the particle nearest a point in canvas pixels, if any is within reach. */
  hit(x: number, y: number): number | null;
}

export function ParticleCanvas({ edges, handle }: { edges: readonly { from: string; to: string }[]; handle?: Ref<ParticleHandle> }) {
  const lab = useLab();
  const flow = useStoreApi();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const particles = useRef<Particle[]>([]);
  const drawn = useRef<{ x: number; y: number; requestId: number }[]>([]);

  useImperativeHandle(handle, () => ({
    hit(x, y) {
      let best: number | null = null;
      let bestDistance = 12 * 12;
      for (const p of drawn.current) {
        const d = (p.x - x) ** 2 + (p.y - y) ** 2;
        if (d < bestDistance) {
          bestDistance = d;
          best = p.requestId;
        }
      }
      return best;
    },
  }));

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const context = canvas.getContext("2d");
    if (!context) return;
    let raf = 0;
    let lastFrameSimMs = 0;
    const colours = new Map<HopOutcome, string>();
    const readColours = () => {
      const style = getComputedStyle(canvas);
      for (const [outcome, s] of Object.entries(outcomeStyles) as [HopOutcome, (typeof outcomeStyles)[HopOutcome]][]) {
        colours.set(outcome, style.getPropertyValue(s.colourVar).trim() || s.fallback);
      }
    };
    readColours();
    const themeObserver = new MutationObserver(readColours);
    themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme", "class"] });

    const resize = () => {
      const ratio = window.devicePixelRatio || 1;
      const { clientWidth, clientHeight } = canvas;
      canvas.width = Math.round(clientWidth * ratio);
      canvas.height = Math.round(clientHeight * ratio);
      context.setTransform(ratio, 0, 0, ratio, 0, 0);
    };
    resize();
    const sizeObserver = new ResizeObserver(resize);
    sizeObserver.observe(canvas);

    const curves = (): (Curve | null)[] => {
      const { nodeLookup } = flow.getState();
      return edges.map((e) => {
        const a = nodeLookup.get(e.from);
        const b = nodeLookup.get(e.to);
        if (!a || !b) return null;
        const aw = a.measured.width ?? 0;
        const ah = a.measured.height ?? 0;
        const bh = b.measured.height ?? 0;
        return edgeCurve(a.internals.positionAbsolute.x + aw, a.internals.positionAbsolute.y + ah / 2, b.internals.positionAbsolute.x, b.internals.positionAbsolute.y + bh / 2);
      });
    };

    const draw = () => {
      raf = 0;
      const now = performance.now();
      const list = particles.current.filter((p) => now - p.bornAt < TRAVEL_MS);
      particles.current = list;
      const { transform } = flow.getState();
      const [tx, ty, zoom] = transform;
      context.clearRect(0, 0, canvas.clientWidth, canvas.clientHeight);
      const geometry = curves();
      const hits: { x: number; y: number; requestId: number }[] = [];
      const size = particleSize(zoom);
      for (const p of list) {
        const t = (now - p.bornAt) / TRAVEL_MS;
        if (t < 0) continue;
        const curve = geometry[p.edge];
        if (!curve) continue;
        const [fx, fy] = pointOnCurve(curve, Math.min(1, t));
        const x = fx * zoom + tx;
        const y = fy * zoom + ty;
        hits.push({ x, y, requestId: p.requestId });
        const colour = colours.get(p.outcome) ?? "#888";
        context.fillStyle = colour;
        context.strokeStyle = colour;
        context.lineWidth = 1.6;
        context.beginPath();
        switch (outcomeStyles[p.outcome].shape) {
          case "circle":
            context.arc(x, y, size, 0, Math.PI * 2);
            context.fill();
            break;
          case "cross":
            context.moveTo(x - size, y - size);
            context.lineTo(x + size, y + size);
            context.moveTo(x + size, y - size);
            context.lineTo(x - size, y + size);
            context.stroke();
            break;
          case "square":
            context.strokeRect(x - size, y - size, size * 2, size * 2);
            break;
          case "triangle":
            context.moveTo(x, y - size * 1.2);
            context.lineTo(x + size, y + size);
            context.lineTo(x - size, y + size);
            context.closePath();
            context.fill();
            break;
          case "diamond":
            context.moveTo(x, y - size * 1.3);
            context.lineTo(x + size, y);
            context.lineTo(x, y + size * 1.3);
            context.lineTo(x - size, y);
            context.closePath();
            context.fill();
            break;
        }
      }
      drawn.current = hits;
      if (list.length) raf = requestAnimationFrame(draw);
    };

    const lastBorn: number[] = [];
    const unsubscribe = lab.onHops((hops: Hop[], timeMs, speed) => {
      const now = performance.now();
      // The shortest time between two particles on an edge, so they stay spaced apart on screen.
      const zoom = flow.getState().transform[2];
      const geometry = curves();
      const gapMs = geometry.map((c) => {
        if (!c) return 0;
        const lengthPx = Math.hypot(c.x3 - c.x0, c.y3 - c.y0) * zoom;
        return (TRAVEL_MS * SPACING_DIAMETERS * 2 * particleSize(zoom)) / Math.max(1, lengthPx);
      });
      const frameStart = lastFrameSimMs < timeMs ? lastFrameSimMs : timeMs - 33 * speed;
      lastFrameSimMs = timeMs;
      const spanMs = Math.max(1, timeMs - frameStart);
      for (const hop of hops) {
        if (particles.current.length >= MAX_PARTICLES) break;
        // Spread a frame's hops over the frame they happened in, so bursts do not clump.
        const offset = Math.max(0, Math.min(1, (hop.startMs - frameStart) / spanMs)) * 33;
        // Failures are the news: they need only half the gap.
        const gap = (gapMs[hop.edge] ?? 0) * (hop.outcome === "ok" ? 1 : 0.5);
        if (now + offset - (lastBorn[hop.edge] ?? -Infinity) < gap) continue;
        lastBorn[hop.edge] = now + offset;
        particles.current.push({ edge: hop.edge, bornAt: now + offset, outcome: hop.outcome, requestId: hop.requestId });
      }
      if (!raf) raf = requestAnimationFrame(draw);
    });

    return () => {
      unsubscribe();
      if (raf) cancelAnimationFrame(raf);
      sizeObserver.disconnect();
      themeObserver.disconnect();
    };
  }, [lab, flow, edges]);

  return <canvas ref={canvasRef} aria-hidden className="pointer-events-none absolute inset-0 z-[4] h-full w-full" data-testid="particle-canvas" />;
}
