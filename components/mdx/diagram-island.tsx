"use client";
/**
 * Loads the diagram's drawing code (xyflow and the lab's node components, never the worker) when the
 * diagram scrolls near the viewport; until then the server-rendered box of the same size shows.
 */
import { lazy, Suspense, useEffect, useRef, useState, type ReactNode } from "react";
import type { Scenario } from "@/simulations";

const DiagramGraph = lazy(() => import("@/components/lab/diagram-graph"));

export interface DiagramIslandProps {
  scenarioId: string;
  scenario: Scenario;
  heightPx: number;
  fallback: ReactNode;
}

export function DiagramIsland({ scenarioId, scenario, heightPx, fallback }: DiagramIslandProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === "undefined") return setVisible(true);
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        setVisible(true);
        observer.disconnect();
      }
    }, { rootMargin: "300px 0px" });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={ref} style={{ height: heightPx }} className="overflow-hidden rounded-2xl border border-line bg-sunken" data-testid="diagram-canvas" data-loaded={visible || undefined}>
      {visible ? <Suspense fallback={fallback}>{<DiagramGraph scenarioId={scenarioId} scenario={scenario} />}</Suspense> : fallback}
    </div>
  );
}
