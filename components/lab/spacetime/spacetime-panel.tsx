"use client";
/**
 * The space-time view, a lab panel for every protocol lab: a Lamport diagram of the processes of a
 * protocol node (lanes), its messages (arrows; dropped ones end in a cross), crash and partition bands,
 * timers and state changes (marks) and the clients' operations (bars), over a time window that follows
 * the lab's scrubber. Hover, click or the keyboard select an event: its Lamport and vector stamps are
 * shown and its causal past, future and concurrent events are tinted. The checker's verdict sits on
 * top; a failure is drawn on the diagram. A table of the window's events is the text alternative, and
 * the diagram exports as an SVG file.
 *
 * It renders nothing unless the run has a protocol node (ScenarioRun.protocolViews).
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import type { LogEvent, Operation } from "@/simulations";
import { relationCounts, relations as relationsOf } from "@/lib/spacetime/causality";
import { describeEvent, describeOp, formatMs, formatVector, relationText } from "@/lib/spacetime/describe";
import { DEFAULT_SIZE, layoutSpacetime, windowAround, windowEndingAt, type TimeWindow } from "@/lib/spacetime/layout";
import { moveFocus, type NavKey } from "@/lib/spacetime/navigation";
import { svgDocument, svgFileName } from "@/lib/spacetime/svg-export";
import { download } from "@/components/share/use-lab-link";
import { useLab, useThrottledLabState } from "../lab-context";
import { CheckerVerdict } from "./checker-verdict";
import { ProtocolFaults } from "./protocol-faults";
import { RaftLogMatrix } from "./raft-log-matrix";
import { SpacetimeSvg } from "./spacetime-svg";
import { useProtocolLogs } from "./use-protocol-log";

const SPANS = [100, 250, 500, 1000, 2000, 5000];
const TABLE_ROWS = 200;
const NAV_KEYS = new Set(["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End"]);

/** Copies computed colours onto the clone so the exported file needs no stylesheet. */
function inlineStyles(source: Element, target: Element): void {
  const style = getComputedStyle(source);
  for (const prop of ["fill", "stroke", "opacity", "stroke-width", "stroke-dasharray", "font-size", "font-weight"]) {
    const value = style.getPropertyValue(prop);
    if (value) target.setAttribute(prop, value);
  }
  target.removeAttribute("class");
  for (let i = 0; i < source.children.length; i++) inlineStyles(source.children[i], target.children[i]);
}

function useWidth<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(720);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () => setWidth(Math.max(280, Math.floor(el.clientWidth)));
    update();
    const observer = new ResizeObserver(update);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}

export function SpacetimePanel() {
  const { logs, version } = useProtocolLogs();
  if (logs.length === 0) return null;
  return <SpacetimeView logs={logs} version={version} />;
}

function SpacetimeView({ logs, version }: { logs: ReturnType<typeof useProtocolLogs>["logs"]; version: number }) {
  const lab = useLab();
  const timeMs = useThrottledLabState((s) => s.timeMs, 120);
  const [nodeId, setNodeId] = useState(logs[0].nodeId);
  const log = logs.find((l) => l.nodeId === nodeId) ?? logs[0];
  const [spanMs, setSpanMs] = useState(500);
  const [pinned, setPinned] = useState<TimeWindow | null>(null);
  const [selectedSeq, setSelectedSeq] = useState<number | null>(null);
  const [hoverSeq, setHoverSeq] = useState<number | null>(null);
  const [focusedSeq, setFocusedSeq] = useState<number | null>(null);
  const [keyboard, setKeyboard] = useState(false);
  const [announce, setAnnounce] = useState("");
  const { ref: boxRef, width } = useWidth<HTMLDivElement>();
  const svgRef = useRef<SVGSVGElement>(null);
  const diagramRef = useRef<HTMLDivElement>(null);
  const baseId = useId();

  const window = pinned ?? windowEndingAt(timeMs, spanMs);
  const check = log.check;
  const layout = useMemo(
    () => layoutSpacetime(log, window, { size: { width }, prefix: check?.prefix, blockedBy: check?.blockedBy, nowMs: timeMs }),
    // The log mutates in place: `version` says when it changed.
    [log, version, window.startMs, window.endMs, width, check, timeMs],
  );
  const events = useMemo(() => layout.marks.map((m) => m.event), [layout]);
  const bySeq = useMemo(() => new Map(events.map((e) => [e.seq, e])), [events]);
  const activeSeq = hoverSeq ?? selectedSeq;
  const active = activeSeq !== null ? bySeq.get(activeSeq) ?? null : null;
  const relations = useMemo(() => relationsOf(active, events), [active, events]);
  const counts = relationCounts(relations);
  const focused = focusedSeq !== null ? bySeq.get(focusedSeq) ?? null : null;
  const shownEvent: LogEvent | null = active ?? focused;

  const plot = width - DEFAULT_SIZE.gutter - 8;
  const timeAt = (x: number) => window.startMs + ((x - DEFAULT_SIZE.gutter) / plot) * (window.endMs - window.startMs);
  const nowX = timeMs >= window.startMs && timeMs <= window.endMs ? DEFAULT_SIZE.gutter + ((timeMs - window.startMs) / (window.endMs - window.startMs)) * plot : null;

  const onKeyDown = (event: KeyboardEvent) => {
    if (NAV_KEYS.has(event.key)) {
      event.preventDefault();
      setKeyboard(true);
      const next = moveFocus(layout, log, focusedSeq, event.key as NavKey, event.shiftKey);
      if (next !== null) {
        setFocusedSeq(next);
        const e = bySeq.get(next);
        if (e) setAnnounce(describeEvent(e, log.processes));
      }
    } else if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      if (focusedSeq !== null) {
        setSelectedSeq(focusedSeq === selectedSeq ? null : focusedSeq);
        const e = bySeq.get(focusedSeq);
        if (e) setAnnounce(`Selected: ${describeEvent(e, log.processes)}.`);
      }
    } else if (event.key === "Escape" && selectedSeq !== null) {
      event.preventDefault();
      event.stopPropagation();
      setSelectedSeq(null);
    }
  };

  const showOp = (op: Operation) => {
    setPinned(windowAround(op.invokeMs, Number.isFinite(op.returnMs) ? op.returnMs : op.invokeMs, spanMs));
    setSelectedSeq(null);
    setAnnounce(`Showing ${describeOp(op)}, highlighted on the diagram.`);
    diagramRef.current?.focus();
  };
  const pan = (direction: -1 | 1) => {
    const span = window.endMs - window.startMs;
    const startMs = Math.max(0, window.startMs + (direction * span) / 2);
    setPinned({ startMs, endMs: startMs + span });
  };

  const exportSvg = () => {
    const svg = svgRef.current;
    if (!svg) return;
    const clone = svg.cloneNode(true) as SVGSVGElement;
    inlineStyles(svg, clone);
    const inner = [...clone.children].map((c) => new XMLSerializer().serializeToString(c)).join("\n");
    const background = getComputedStyle(diagramRef.current ?? svg).backgroundColor || "#ffffff";
    const text = svgDocument(inner, width, layout.height, {
      title: `Space-time diagram of ${nodeId}, ${formatMs(window.startMs)} to ${formatMs(window.endMs)}`,
      description: `${layout.lanes.length} processes as lanes, time to the right; ${layout.arrows.length} messages as arrows (a cross marks a dropped one); crashes and partitions shaded; client operations as bars under their lane${check?.verdict === "not-linearizable" ? `; the operation that cannot be linearized in bold (#${check.blockedBy})` : ""}.`,
      background,
    });
    download(svgFileName(nodeId, window.startMs, window.endMs), text, "image/svg+xml");
  };

  const summary = `Space-time diagram of ${nodeId}: ${layout.lanes.length} processes, ${formatMs(window.startMs)} to ${formatMs(window.endMs)}, ${layout.eventsInWindow} events, ${layout.arrows.filter((a) => a.kind === "delivered").length} deliveries, ${layout.arrows.filter((a) => a.kind === "dropped").length} dropped messages.`;
  const button = "h-8 rounded-md border border-line px-2.5 text-sm hover:border-accent";
  return (
    <section className="relative z-10 shrink-0 border-t border-line bg-surface px-3 py-2" aria-labelledby={`${baseId}-title`} data-testid="spacetime">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <h4 id={`${baseId}-title`} className="text-sm font-semibold">
          Space-time view
        </h4>
        {logs.length > 1 && (
          <label className="flex items-center gap-1.5 text-sm">
            Node
            <select className="h-8 rounded-md border border-line bg-surface px-1.5" value={nodeId} onChange={(e) => setNodeId(e.target.value)}>
              {logs.map((l) => (
                <option key={l.nodeId}>{l.nodeId}</option>
              ))}
            </select>
          </label>
        )}
        <label className="flex items-center gap-1.5 text-sm">
          Window
          <select className="h-8 rounded-md border border-line bg-surface px-1.5" value={spanMs} onChange={(e) => setSpanMs(Number(e.target.value))} data-testid="spacetime-span">
            {SPANS.map((s) => (
              <option key={s} value={s}>
                {s >= 1000 ? `${s / 1000} s` : `${s} ms`}
              </option>
            ))}
          </select>
        </label>
        <span className="flex items-center gap-1">
          <button type="button" className={button} onClick={() => pan(-1)} aria-label="Show earlier events">
            ◀ Earlier
          </button>
          <button type="button" className={button} onClick={() => pan(1)} aria-label="Show later events">
            Later ▶
          </button>
          {pinned && (
            <button type="button" className={`${button} border-accent text-accent-strong`} onClick={() => setPinned(null)} data-testid="spacetime-follow">
              Follow the scrubber
            </button>
          )}
        </span>
        <button type="button" className={`${button} ml-auto`} onClick={exportSvg} data-testid="spacetime-export">
          Export SVG
        </button>
      </div>
      <div className="mt-2 space-y-2">
        <CheckerVerdict check={check} ops={log.ops} onShow={showOp} />
        <ProtocolFaults nodeId={nodeId} processes={log.processes} />
        <RaftLogMatrix log={log} version={version} timeMs={timeMs} />
      </div>
      <div ref={boxRef} className="mt-2 min-w-0">
        <div
          ref={diagramRef}
          tabIndex={0}
          role="application"
          aria-roledescription="space-time diagram"
          aria-label={summary}
          aria-describedby={`${baseId}-help`}
          className="relative rounded-md bg-surface outline-none focus-visible:ring-2 focus-visible:ring-accent"
          onKeyDown={onKeyDown}
          onFocus={() => {
            if (focusedSeq === null && layout.marks.length) setFocusedSeq(layout.marks[layout.marks.length - 1].event.seq);
          }}
          onBlur={() => setKeyboard(false)}
          onKeyUp={() => setKeyboard(true)}
          data-testid="spacetime-diagram"
        >
          <SpacetimeSvg
            ref={svgRef}
            layout={layout}
            width={width}
            relations={relations}
            selectedSeq={activeSeq}
            focusedSeq={focusedSeq}
            showFocus={keyboard}
            nowX={nowX}
            label={summary}
            onPointEvent={(seq, kind) => {
              if (kind === "hover") setHoverSeq(seq);
              else {
                setSelectedSeq(seq === selectedSeq ? null : seq);
                setFocusedSeq(seq);
              }
            }}
            onPickTime={(x) => {
              setPinned(null);
              lab.seek(Math.max(0, timeAt(x)));
            }}
          />
        </div>
      </div>
      <p id={`${baseId}-help`} className="mt-1 text-xs text-muted">
        Time runs right; the orange line is the scrubber (click the axis to move it). Keys: ← → along a lane, ↑ ↓ to the next lane, Shift+→ along a message, Shift+← back to its send, Enter selects, Esc clears.
        {layout.truncated && ` Only the latest ${layout.marks.length} of ${layout.eventsInWindow} events in this window are drawn: choose a shorter window.`}
      </p>
      <div className="mt-1 min-h-[2.5rem] text-sm" data-testid="spacetime-details">
        {shownEvent ? (
          <p>
            <span className="font-medium">{describeEvent(shownEvent, log.processes)}.</span>{" "}
            {active && shownEvent === active && (
              <span className="text-muted">
                In view: <span className="text-note">{counts.before} before it</span>, <span className="text-ok">{counts.after} after it</span>, <span className="text-accent-strong">{counts.concurrent} concurrent</span> (neither vector clock ≤ the other).
              </span>
            )}
          </p>
        ) : (
          <p className="text-muted">Hover, click or focus an event to see its Lamport and vector timestamps and what is concurrent with it.</p>
        )}
      </div>
      <Legend />
      <p className="sr-only" aria-live="polite">
        {announce}
      </p>
      <details className="mt-1 text-sm" data-testid="spacetime-table">
        <summary className="cursor-pointer text-muted">Events in this window as a table ({Math.min(layout.eventsInWindow, TABLE_ROWS)} rows)</summary>
        <div className="max-h-72 overflow-auto">
          <table className="w-full text-xs">
            <caption className="sr-only">{summary}</caption>
            <thead>
              <tr className="text-left text-muted">
                <th scope="col">Time</th>
                <th scope="col">Event</th>
                <th scope="col">Lamport</th>
                <th scope="col">Vector</th>
                <th scope="col">To the selected event</th>
              </tr>
            </thead>
            <tbody className="font-mono">
              {events.slice(-TABLE_ROWS).map((e) => (
                <tr key={e.seq} className={e.seq === activeSeq ? "bg-accent-soft" : undefined}>
                  <td className="pr-2 tabular-nums">{formatMs(e.atMs)}</td>
                  <td className="pr-2 font-sans">{describeEvent(e, log.processes).replace(/ at .*$/, "")}</td>
                  <td className="pr-2 tabular-nums">{e.lamport ?? "–"}</td>
                  <td className="pr-2">{formatVector(e.vector, log.processes)}</td>
                  <td>{active ? relationText[relations.get(e.seq) ?? "unrelated"] : "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}

function Legend() {
  const item = "flex items-center gap-1";
  return (
    <ul className="mt-1 flex flex-wrap gap-x-3 gap-y-0.5 text-xs text-muted" aria-label="Legend of the space-time view">
      <li className={item}>
        <svg width="22" height="8" aria-hidden>
          <line x1="0" y1="4" x2="22" y2="4" className="stroke-note" strokeWidth="1.5" />
        </svg>
        message
      </li>
      <li className={item}>
        <svg width="22" height="8" aria-hidden>
          <line x1="0" y1="4" x2="16" y2="4" className="stroke-warn" strokeWidth="1.5" strokeDasharray="5 2" />
          <path d="M15 1L21 7M21 1L15 7" className="stroke-warn" strokeWidth="1.5" />
        </svg>
        dropped
      </li>
      <li className={item}>
        <svg width="10" height="10" aria-hidden>
          <circle cx="5" cy="5" r="3" className="fill-surface stroke-muted" />
        </svg>
        timer set, <span aria-hidden>◆</span> fired
      </li>
      <li className={item}>
        <svg width="10" height="10" aria-hidden>
          <rect x="2" y="2" width="6" height="6" className="fill-ok" />
        </svg>
        state change
      </li>
      <li className={item}>
        <svg width="22" height="8" aria-hidden>
          <line x1="1" y1="4" x2="21" y2="4" className="stroke-muted" strokeWidth="2.5" strokeLinecap="round" />
        </svg>
        client operation (<span className="text-ok">in the checker’s order</span>, <span className="text-warn">cannot be placed</span>)
      </li>
      <li className={item}>
        <span className="inline-block h-2.5 w-4 bg-accent-soft" aria-hidden /> partition side, <span className="inline-block h-2.5 w-4 border border-dashed border-warn bg-sunken" aria-hidden /> crashed
      </li>
      <li>
        selected event: <span className="text-note">before</span>, <span className="text-ok">after</span>, <span className="text-accent-strong">concurrent</span>
      </li>
    </ul>
  );
}
