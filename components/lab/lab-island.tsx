"use client";
/**
 * Where a lab sits in a chapter. Until the lab scrolls near the viewport this renders only a
 * placeholder of exactly the lab's size, with a static description of the scenario (readable without
 * JavaScript); then it loads the lab's code (graph, charts, worker) as a separate chunk. Chapter text
 * never waits for it.
 */
import { lazy, Suspense, useEffect, useRef, useState } from "react";
import type { Scenario } from "@/simulations";
import type { LabAppProps } from "./lab-app";
import { labFrameClass, labFrameStyle } from "./lab-frame";
import { registerPageLab } from "./page-labs";

const LabApp = lazy(() => import("./lab-app"));

export interface LabIslandProps extends Omit<LabAppProps, "scenario"> {
  scenario: Scenario;
  /** Load at once instead of on scroll (the playground). */
  eager?: boolean;
}

function describe(scenario: Scenario): string {
  const kinds = new Map<string, string[]>();
  for (const n of scenario.nodes) kinds.set(n.kind, [...(kinds.get(n.kind) ?? []), n.id]);
  return [...kinds.entries()].map(([kind, ids]) => `${ids.length} ${kind}${ids.length > 1 ? "s" : ""} (${ids.join(", ")})`).join(", ");
}

export function LabPlaceholder({ scenario, title, height, fill = false, loading }: { scenario: Scenario; title?: string; height?: number; fill?: boolean; loading: boolean }) {
  return (
    <div className={labFrameClass(fill)} style={labFrameStyle(height)} data-testid="lab-placeholder" aria-busy={loading || undefined}>
      <div className="m-auto max-w-md space-y-2 p-6 text-center">
        <p className="text-xs font-semibold uppercase tracking-wide text-accent-strong">Interactive lab</p>
        <p className="text-lg font-semibold">{title ?? scenario.title}</p>
        <p className="text-sm text-muted">
          A simulation of {describe(scenario)}, with {scenario.edges.length} link{scenario.edges.length === 1 ? "" : "s"}
          {scenario.faults?.length ? ` and ${scenario.faults.length} scheduled fault${scenario.faults.length > 1 ? "s" : ""}` : ""}.
        </p>
        <p className="text-sm text-muted">{loading ? "Loading the lab…" : "The lab loads when you scroll to it. It needs JavaScript."}</p>
      </div>
    </div>
  );
}

export function LabIsland({ eager = false, onReady, ...props }: LabIslandProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [visible, setVisible] = useState(eager);
  // Registered on the page (components/lab/page-labs.ts) while mounted, so share links and cards can find it.
  const unregister = useRef<(() => void) | null>(null);
  useEffect(() => () => unregister.current?.(), []);
  const ready: LabIslandProps["onReady"] = (controller) => {
    unregister.current?.();
    unregister.current = registerPageLab(props.scenarioId, { controller, element: ref.current });
    onReady?.(controller);
  };
  useEffect(() => {
    if (visible) return;
    const el = ref.current;
    if (!el || typeof IntersectionObserver === "undefined") {
      setVisible(true);
      return;
    }
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        setVisible(true);
        observer.disconnect();
      }
    }, { rootMargin: "300px 0px" });
    observer.observe(el);
    return () => observer.disconnect();
  }, [visible]);
  const placeholder = <LabPlaceholder scenario={props.scenario} title={props.title} height={props.height} fill={props.fill} loading={visible} />;
  return (
    <div ref={ref} className={props.fill ? "h-full" : "my-6"} data-lab-scenario={props.scenarioId}>
      {visible ? <Suspense fallback={placeholder}>{<LabApp {...props} onReady={ready} />}</Suspense> : placeholder}
    </div>
  );
}
