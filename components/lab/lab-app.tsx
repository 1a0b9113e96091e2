"use client";
/**
 * The whole interactive lab (loaded lazily by LabIsland): one controller and store per instance,
 * provided through context; the graph, playback, settings, faults, trace, events and charts.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import type { Scenario } from "@/simulations";
import { createLabController, type LabController, type LabSnapshot } from "@/lib/lab/lab-controller";
import { createDefaultPort } from "@/lib/lab/lab-port";
import type { LabView } from "@/lib/stores/lab-store";
import { forkInit, linkVariant } from "@/lib/lab/compare";
import { LabContext, useLab, useLabState, useVariant, VariantContext } from "./lab-context";
import { labFrameClass, labFrameStyle } from "./lab-frame";
import { LabGraph } from "./graph/lab-graph";
import { outcomeGlyph, outcomeStyles } from "./graph/outcome-style";
import { PlaybackBar, RunSettings } from "./controls/playback-bar";
import { AdvancedParams, INLINE_CONTROLS, ParamControls, useControlSpecs } from "./controls/param-controls";
import { useLabShortcuts } from "./use-lab-shortcuts";
import { FaultPanel } from "./controls/fault-panel";
import { LabCharts } from "./charts/lab-charts";
import { NarrationLive, NarrationLog } from "./panels/narration-log";
import { RunSummary } from "./panels/run-summary";
import { TracePanel } from "./panels/trace-panel";
import { LabChanges } from "./panels/lab-changes";
import { PinnedMetrics } from "./panels/pinned-metrics";
import { SpacetimePanel } from "./spacetime/spacetime-panel";
import { useLabChrome } from "@/components/share/lab-chrome";
import { LabShareMenu } from "@/components/share/lab-share-menu";

export interface LabAppProps {
  scenarioId: string;
  scenario: Scenario;
  title?: string;
  expose?: readonly string[];
  height?: number;
  /** Fill the parent (the playground) instead of the chapter frame. */
  fill?: boolean;
  /** Receives the controller once created (the playground's state API for share links). */
  onReady?: (controller: LabController) => void;
  initial?: Partial<LabSnapshot>;
  /** The chart to lead with (`<Lab keyChart>`); inferred from the scenario when absent. */
  keyChart?: string;
}

const allTabs: { id: LabView["panel"] | "events"; label: string }[] = [
  { id: "controls", label: "Settings" },
  { id: "faults", label: "Faults" },
  { id: "trace", label: "Trace" },
];

function SidePanel({ onClose }: { onClose?: () => void }) {
  const lab = useLab();
  const chrome = useLabChrome();
  // Embeds may hide the trace tab, and read-only embeds the fault panel.
  const tabs = allTabs.filter((t) => !(t.id === "trace" && chrome.hidden("trace")) && !(t.id === "faults" && chrome.options.readOnly));
  const panel = useLabState((s) => s.view.panel);
  const variant = useVariant();
  const baseId = useId();
  const onKeyDown = (event: KeyboardEvent) => {
    const index = tabs.findIndex((t) => t.id === panel);
    if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
      event.preventDefault();
      const next = tabs[(index + (event.key === "ArrowRight" ? 1 : tabs.length - 1)) % tabs.length];
      lab.setView({ panel: next.id as LabView["panel"] });
      document.getElementById(`${baseId}-tab-${next.id}`)?.focus();
    }
  };
  return (
    <div className="flex h-full min-h-0 flex-col">
      <div className="flex items-center border-b border-line">
        <div role="tablist" aria-label="Lab panels" className="flex" onKeyDown={onKeyDown}>
          {tabs.map((t) => (
            <button
              key={t.id}
              id={`${baseId}-tab-${t.id}`}
              role="tab"
              type="button"
              aria-selected={panel === t.id}
              aria-controls={`${baseId}-panel`}
              tabIndex={panel === t.id ? 0 : -1}
              className={`border-b-2 px-3 py-2 text-sm font-medium ${panel === t.id ? "border-accent text-fg" : "border-transparent text-muted hover:text-fg"}`}
              onClick={() => lab.setView({ panel: t.id as LabView["panel"] })}
              data-testid={`lab-tab-${t.id}`}
            >
              {t.label}
            </button>
          ))}
        </div>
        {onClose && (
          <button type="button" className="ml-auto px-3 py-2 text-sm" onClick={onClose} aria-label="Close settings" data-testid="lab-settings-close">
            ✕
          </button>
        )}
      </div>
      <div id={`${baseId}-panel`} role="tabpanel" aria-labelledby={`${baseId}-tab-${panel}`} className="min-h-0 flex-1 overflow-auto p-3 sm:p-4">
        {panel === "controls" && (
          <div className="space-y-5">
            {variant ? (
              <>
                <section aria-label="Variant A settings" className="space-y-3">
                  <h4 className="text-sm font-semibold">Variant A <span className="font-normal text-muted">(solid lines)</span></h4>
                  <ParamControls />
                </section>
                <section aria-label="Variant B settings" className="space-y-3 rounded-lg border border-dashed border-line p-2" data-testid="variant-b-controls">
                  <h4 className="text-sm font-semibold">Variant B <span className="font-normal text-muted">(dashed lines)</span></h4>
                  <LabContext.Provider value={variant}>
                    <ParamControls />
                  </LabContext.Provider>
                </section>
              </>
            ) : (
              <ParamControls range="rest" />
            )}
            <RunSettings />
            <AdvancedParams />
            <NarrationLog />
          </div>
        )}
        {panel === "faults" && <FaultPanel />}
        {panel === "trace" && <TracePanel />}
      </div>
    </div>
  );
}

function Legend() {
  return (
    <ul className="flex flex-wrap gap-x-3 gap-y-0.5 text-xs text-muted" aria-label="Particle legend">
      {Object.entries(outcomeStyles).map(([outcome, style]) => (
        <li key={outcome} className="flex items-center gap-1">
          <span aria-hidden style={{ color: `var(${style.colourVar}, ${style.fallback})` }}>
            {outcomeGlyph[outcome as keyof typeof outcomeGlyph]}
          </span>
          {style.label}
        </li>
      ))}
    </ul>
  );
}

/** Says so when the run ended early at its work budget or stuck at one instant (simulations/README.md, "Limits of a run"). */
function RunStoppedNotice() {
  const lab = useLab();
  const stopped = useLabState((s) => s.report?.stopped);
  if (!stopped) return null;
  return (
    <p role="alert" className="border-b border-line bg-warn-soft px-3 py-1.5 text-sm text-fg" data-testid="lab-run-stopped">
      ⚠ {stopped.message} Lower the traffic or shorten the run, or{" "}
      <button type="button" className="underline" onClick={() => lab.reset()}>
        reset the lab
      </button>
      .
    </p>
  );
}

/** The "Compare" toggle: forks the lab into variant B, or ends the comparison. */
function CompareButton({ comparing, onToggle }: { comparing: boolean; onToggle: () => void }) {
  return (
    <button type="button" className={`rounded-md border px-2.5 py-1 text-sm ${comparing ? "border-accent bg-accent-soft text-accent-strong" : "border-line"}`} aria-pressed={comparing} onClick={onToggle} data-testid="lab-compare">
      {comparing ? "End compare" : "Compare"}
    </button>
  );
}

/** The "⋯ Settings" button: opens the settings, faults and trace panel (a bottom sheet on phones). */
function SettingsButton({ open, onToggle, panelId }: { open: boolean; onToggle: () => void; panelId: string }) {
  return (
    <button
      type="button"
      className={`inline-flex items-center gap-1.5 rounded-md border px-2.5 py-1 text-sm ${open ? "border-accent bg-accent-soft text-accent-strong" : "border-line"}`}
      onClick={onToggle}
      aria-expanded={open}
      aria-controls={panelId}
      data-testid="lab-drawer-open"
    >
      <span aria-hidden className="text-base leading-none">⋯</span> Settings
    </button>
  );
}

/** Below this width of the lab itself (a phone, a narrow embed) the settings open as a bottom sheet. */
const SHEET_BELOW_PX = 768;

function LabLayout({ title, fill, height, comparing, onToggleCompare }: { title: string; fill: boolean; height?: number; comparing: boolean; onToggleCompare: () => void }) {
  const lab = useLab();
  const preset = useLabState((s) => s.preset);
  const error = useLabState((s) => s.error);
  const status = useLabState((s) => s.status);
  const selection = useLabState((s) => s.selection);
  const openTrace = useLabState((s) => s.openTrace);
  const [drawer, setDrawer] = useState(false);
  const headingId = useId();
  const panelId = useId();
  const chrome = useLabChrome();
  const frameRef = useRef<HTMLElement>(null);
  const graphRef = useRef<HTMLDivElement>(null);
  const inlineCount = Math.min(INLINE_CONTROLS, useControlSpecs().length);
  const onKeyDown = useLabShortcuts(lab);

  // Narrow is the lab's own width, like the layout's container queries, not the viewport's.
  const isNarrow = () => (frameRef.current?.clientWidth ?? window.innerWidth) < SHEET_BELOW_PX;
  const openPanel = () => {
    setDrawer(true);
    // On a phone the panel is a half-height sheet: bring the graph to the top so it stays in view.
    if (isNarrow()) graphRef.current?.scrollIntoView({ block: "start", behavior: "instant" as ScrollBehavior });
  };

  // Selecting a graph element on a phone opens the sheet on the fault panel.
  useEffect(() => {
    if (selection && isNarrow()) openPanel();
  }, [selection]);
  // Compare shows both variants' settings in the panel.
  useEffect(() => {
    if (comparing) setDrawer(true);
  }, [comparing]);
  // Clicking a particle opens its trace: show the panel it is in.
  useEffect(() => {
    if (openTrace) setDrawer(true);
  }, [openTrace]);

  return (
    <section
      ref={frameRef}
      className={labFrameClass(fill)}
      style={labFrameStyle(height)}
      aria-labelledby={headingId}
      data-testid="lab"
      data-status={status}
      tabIndex={-1}
      onKeyDown={onKeyDown}
    >
      <header className="space-y-2 border-b border-line bg-surface px-3 py-2">
        <div className="flex flex-wrap items-center gap-2">
          <h3 id={headingId} className="min-w-0 basis-full text-base font-semibold sm:flex-1 sm:basis-auto sm:truncate">
            <span className="mr-1.5 rounded bg-accent-soft px-1.5 py-0.5 text-xs font-semibold uppercase tracking-wide text-accent-strong">Lab</span>
            {title}
          </h3>
          <div className="ml-auto flex items-center gap-2">
            {!chrome.options.readOnly && <CompareButton comparing={comparing} onToggle={onToggleCompare} />}
            {!chrome.embedded && <LabShareMenu />}
            {!chrome.hidden("controls") && <SettingsButton open={drawer} onToggle={() => (drawer ? setDrawer(false) : openPanel())} panelId={panelId} />}
          </div>
        </div>
        <PlaybackBar />
      </header>
      <div className="border-b border-line bg-surface px-3 py-1.5">
        <RunSummary />
      </div>
      <LabChanges />
      <PinnedMetrics />
      {error && (
        <p role="alert" className="border-b border-line bg-warn-soft px-3 py-1.5 text-sm text-fg" data-testid="lab-error">
          ⚠ {error}{" "}
          <button type="button" className="underline" onClick={() => lab.store.setState({ error: null })}>
            Dismiss
          </button>
        </p>
      )}
      <RunStoppedNotice />
      {/* The graph is the hero: full width of the lab, at least 420 px tall, never beside a panel. */}
      <div ref={graphRef} className={`flex min-w-0 flex-col ${fill ? "min-h-[420px] flex-1" : ""} scroll-mt-[var(--fl-header-h)]`} data-testid="lab-graph">
        <LabGraph scenario={preset} toolbar={<Legend />} />
      </div>
      {/* Protocol labs (nodes built on the kernel) get the space-time view; others render nothing. */}
      <SpacetimePanel />
      {inlineCount > 0 && !chrome.hidden("controls") && !comparing && (
        <div className="border-t border-line bg-surface px-3 py-2.5" aria-label="Main settings" role="group" data-testid="lab-inline-controls">
          <ParamControls range="inline" layout="row" />
        </div>
      )}
      <aside
        id={panelId}
        hidden={chrome.hidden("controls") || !drawer || undefined}
        className="fixed inset-x-0 bottom-0 z-50 flex h-[45dvh] flex-col rounded-t-xl border-t border-line bg-surface shadow-2xl @min-[768px]:static @min-[768px]:z-auto @min-[768px]:h-auto @min-[768px]:max-h-[32rem] @min-[768px]:rounded-none @min-[768px]:shadow-none"
        aria-label="Lab settings"
        role={drawer ? "region" : undefined}
        onKeyDown={(e) => {
          if (e.key === "Escape") {
            setDrawer(false);
            frameRef.current?.querySelector<HTMLElement>('[data-testid="lab-drawer-open"]')?.focus();
          }
        }}
        data-testid="lab-settings"
      >
        <SidePanel onClose={() => setDrawer(false)} />
      </aside>
      {!chrome.hidden("charts") && (
        <div className="h-[250px] shrink-0 overflow-x-auto border-t border-line bg-sunken p-2" tabIndex={0} aria-label="Charts (scroll sideways for more)" data-testid="lab-charts">
          <LabCharts />
        </div>
      )}
      <NarrationLive />
    </section>
  );
}

export default function LabApp({ scenarioId, scenario, title, expose, height, fill = false, onReady, initial, keyChart }: LabAppProps) {
  const [controller, setController] = useState<LabController | null>(null);
  useEffect(() => {
    const c = createLabController({ scenarioId, preset: scenario, title, expose, keyChart }, createDefaultPort());
    if (initial) c.restore(initial);
    setController(c);
    onReady?.(c);
    return () => c.dispose();
    // A lab instance lives as long as its scenario; later prop changes go through the controller.
  }, [scenarioId, scenario]);
  const [variant, setVariant] = useState<LabController | null>(null);
  useEffect(() => {
    if (!variant || !controller) return;
    const unlink = linkVariant(controller, variant);
    return () => {
      unlink();
      variant.dispose();
    };
  }, [variant, controller]);
  const toggleCompare = () => {
    if (!controller) return;
    if (variant) setVariant(null);
    else {
      controller.setView({ panel: "controls" });
      setVariant(createLabController(forkInit(controller), createDefaultPort()));
    }
  };
  if (!controller) return <div className={labFrameClass(fill)} style={labFrameStyle(height)} aria-busy="true" />;
  return (
    <LabContext.Provider value={controller}>
      <VariantContext.Provider value={variant}>
        <LabLayout title={title ?? scenario.title ?? scenarioId} fill={fill} height={height} comparing={variant !== null} onToggleCompare={toggleCompare} />
      </VariantContext.Provider>
    </LabContext.Provider>
  );
}
