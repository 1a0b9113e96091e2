"use client";
/**
 * `/embed?<options>#<state>`: the lab alone, for an instructor's iframe. Applies the embed options,
 * posts `faultline:*` events to the parent page and obeys its play/pause/seek commands after a strict
 * check (embed-protocol.ts). The rest of the site's chrome is covered and made inert.
 */
import { useEffect, useRef, useState } from "react";
import type { LabController } from "@/lib/lab/lab-controller";
import type { LabEventMap } from "@/lib/lab/lab-events";
import { embedStart, parseEmbedQuery, type EmbedOptions } from "@/lib/share/embed-options";
import type { Scenario } from "@/simulations";
import { parseParentCommand, type EmbedEvent } from "@/lib/share/embed-protocol";
import { createPlayerJsListeners, parsePlayerJsMessage, playerJsMessage, playerJsReadyValue } from "@/lib/share/player-js";
import { decodeAssignment, type Assignment } from "@/lib/assignments/assignment";
import { AssignmentPanel, AssignmentProblem } from "@/components/assignments/assignment-panel";
import { LabIsland } from "@/components/lab/lab-island";
import { LabChromeContext } from "./lab-chrome";
import { LabErrorBoundary } from "./lab-error-boundary";
import { LinkProblemNotice } from "./link-problem";
import { SharedLabView, type FallbackLab } from "./shared-lab";
import { useHashLink } from "./use-hash-link";

function post(event: EmbedEvent) {
  // Events carry no private data, so any embedding page may read them.
  if (window.parent !== window) window.parent.postMessage(event, "*");
}

/** The content height, as our event and as Canvas's LTI resize message (which Canvas and public/embed.js both answer). */
function postHeight(heightPx: number) {
  post({ type: "faultline:resize", heightPx });
  if (window.parent !== window) window.parent.postMessage({ subject: "lti.frameResize", height: heightPx }, "*");
}

/** A player.js message (a JSON string, as that library expects). */
function postPlayerJs(message: string) {
  if (window.parent !== window) window.parent.postMessage(message, "*");
}

/** The assignment in the page's query (`?assignment=…`), if any, decoded strictly. */
function readAssignment(search: string): { ok: true; value: Assignment } | { ok: false; error: string } | null {
  const code = new URLSearchParams(search).get("assignment");
  return code === null ? null : decodeAssignment(code);
}

/** Wires a controller to the parent page and the embed options; returns the cleanup. */
function connect(controller: LabController, options: EmbedOptions, title: string): () => void {
  const { store } = controller;
  let readySent = false;
  const playerJs = createPlayerJsListeners();
  const snapshot = controller.getSnapshot();
  const durationSec = "durationMs" in snapshot.scenario.stop ? snapshot.scenario.stop.durationMs / 1000 : null;
  let lastSecond = -1;
  let ended = false;
  let learnerFaults = store.getState().edits.faults.filter((f) => f.origin === "learner").length;
  const unsubscribe = store.subscribe((state, previous) => {
    if (!readySent && state.status === "ready") {
      readySent = true;
      post({ type: "faultline:ready", timeMs: state.timeMs, title });
      postPlayerJs(playerJsMessage("ready", playerJsReadyValue(window.location.href)));
      if (options.loop && state.timeMs < options.loop.fromMs) controller.seek(options.loop.fromMs);
      if (options.autoplay) controller.play();
    }
    if (state.playing !== previous.playing) {
      post({ type: state.playing ? "faultline:played" : "faultline:paused", timeMs: state.timeMs });
      for (const m of playerJs.messages(state.playing ? "play" : "pause")) postPlayerJs(m);
    }
    const second = Math.floor(state.timeMs / 1000);
    if (second !== lastSecond && state.status === "ready") {
      lastSecond = second;
      for (const m of playerJs.messages("timeupdate", { seconds: state.timeMs / 1000, duration: durationSec })) postPlayerJs(m);
    }
    if (durationSec !== null && !ended && state.timeMs >= durationSec * 1000) {
      ended = true;
      for (const m of playerJs.messages("ended")) postPlayerJs(m);
    } else if (durationSec !== null && state.timeMs < durationSec * 1000) ended = false;
    const faults = state.edits.faults.filter((f) => f.origin === "learner");
    if (faults.length > learnerFaults) {
      const f = faults[faults.length - 1];
      post({ type: "faultline:fault-injected", timeMs: state.timeMs, fault: { kind: f.kind, target: f.target } });
    }
    learnerFaults = faults.length;
    if (options.loop && state.playing && state.timeMs >= options.loop.toMs) controller.seek(options.loop.fromMs);
  });
  const onMessage = (event: MessageEvent) => {
    if (event.source !== window.parent) return;
    const command = parseParentCommand(event.data);
    if (!command) {
      answerPlayerJs(event.data);
      return;
    }
    if (command.type === "faultline:play") controller.play();
    else if (command.type === "faultline:pause") controller.pause();
    else controller.seek(command.timeMs);
  };
  // player.js: simulated time stands for media time (seconds).
  const answerPlayerJs = (data: unknown) => {
    const call = parsePlayerJsMessage(data);
    if (!call) return;
    const state = store.getState();
    switch (call.method) {
      case "play":
        return controller.play();
      case "pause":
        return controller.pause();
      case "setCurrentTime":
        return controller.seek(Math.min((call.value as number) * 1000, durationSec === null ? Infinity : durationSec * 1000));
      case "getPaused":
        return postPlayerJs(playerJsMessage("getPaused", !state.playing, call.listener));
      case "getCurrentTime":
        return postPlayerJs(playerJsMessage("getCurrentTime", state.timeMs / 1000, call.listener));
      case "getDuration":
        return postPlayerJs(playerJsMessage("getDuration", durationSec, call.listener));
      case "addEventListener":
        playerJs.add(call.value as Parameters<typeof playerJs.add>[0], call.listener);
        if (call.value === "ready" && readySent) postPlayerJs(playerJsMessage("ready", playerJsReadyValue(window.location.href), call.listener));
        return;
      case "removeEventListener":
        return playerJs.remove(call.value as Parameters<typeof playerJs.remove>[0], call.listener);
    }
  };
  window.addEventListener("message", onMessage);
  // Widgets in the embedded page announce answers as DOM events (lib/lab/lab-events.ts); relay them.
  const onPrediction = (event: Event) => {
    const detail = (event as CustomEvent<LabEventMap["faultline:prediction-answered"]>).detail;
    post({ type: "faultline:prediction-answered", timeMs: store.getState().timeMs, metric: detail.metric, guess: detail.guess, measured: detail.measured });
  };
  window.addEventListener("faultline:prediction-answered", onPrediction);
  return () => {
    unsubscribe();
    window.removeEventListener("message", onMessage);
    window.removeEventListener("faultline:prediction-answered", onPrediction);
  };
}

/** Where a run stops, ms (runs that stop after a number of requests have no fixed end). */
const stopAtMs = (scenario: Scenario) => ("durationMs" in scenario.stop ? scenario.stop.durationMs : 1e9);

export function EmbedView({ fallback }: { fallback: FallbackLab }) {
  const link = useHashLink();
  const rootRef = useRef<HTMLDivElement>(null);
  const contentRef = useRef<HTMLDivElement>(null);
  const [options, setOptions] = useState<EmbedOptions | null>(null);
  const [assignment, setAssignment] = useState<ReturnType<typeof readAssignment>>(null);
  const [controller, setController] = useState<LabController | null>(null);
  const cleanup = useRef<(() => void) | null>(null);

  useEffect(() => {
    setOptions(parseEmbedQuery(window.location.search).options);
    setAssignment(readAssignment(window.location.search));
    // Cover the site's header and footer: an embed shows the lab alone.
    const root = rootRef.current;
    const others = [...document.body.children].filter((el) => root && !el.contains(root)) as HTMLElement[];
    for (const el of others) el.inert = true;
    // The content's own height (the lab's frame, notes, padding), not the viewport's: the host page
    // sets the iframe to it, so it must not depend on the iframe's current height.
    let last = 0;
    const observer = new ResizeObserver(() => {
      const content = contentRef.current;
      if (!content || !root) return;
      const padding = parseFloat(getComputedStyle(root).paddingTop) + parseFloat(getComputedStyle(root).paddingBottom);
      const height = Math.ceil(content.getBoundingClientRect().height + padding);
      if (height > 0 && height !== last) postHeight((last = height));
    });
    if (contentRef.current) observer.observe(contentRef.current);
    return () => {
      observer.disconnect();
      for (const el of others) el.inert = false;
      cleanup.current?.();
    };
  }, []);

  useEffect(() => {
    if (!options?.theme) return;
    document.documentElement.dataset.theme = options.theme;
  }, [options]);

  const onReady = (controller: LabController) => {
    cleanup.current?.();
    cleanup.current = connect(controller, options ?? parseEmbedQuery(window.location.search).options, controller.store.getState().title);
    setController(controller);
  };

  return (
    <div ref={rootRef} className="fixed inset-0 z-[100] overflow-auto bg-bg p-1" data-testid="embed-root">
      <div ref={contentRef} className="flow-root" data-testid="embed-content">
      {options && link.status !== "reading" && (
        <LabChromeContext.Provider value={{ embedded: true, options }}>
          {assignment && (assignment.ok ? <AssignmentPanel assignment={assignment.value} controller={controller} post={post} /> : <AssignmentProblem error={assignment.error} />)}
          <LabErrorBoundary>
            {link.status === "decoded" && link.result.ok ? (
              <SharedLabView state={{ ...link.result.state, ...embedStart(options, link.result.state, stopAtMs(link.result.state.scenario)) }} notes={[]} onController={onReady} fill={false} />
            ) : (
              <div className="flex flex-col gap-2">
                {link.status === "decoded" && !link.result.ok && <LinkProblemNotice problem={link.result.problem} fallbackLabel="" />}
                {link.status === "none" && <p className="text-sm text-muted">This embed has no lab in its link; showing a default lab.</p>}
                <LabIsland eager {...fallback} initial={options.seed !== undefined || options.startMs !== undefined ? embedStart(options, { seed: fallback.scenario.seed, timeMs: 0 }, stopAtMs(fallback.scenario)) : undefined} onReady={onReady} />
              </div>
            )}
          </LabErrorBoundary>
        </LabChromeContext.Provider>
      )}
      </div>
    </div>
  );
}
