"use client";
/**
 * What just happened, in words: a visible event log and a polite live region for screen readers.
 * The live region speaks at most once every few seconds and picks the most important news, so a
 * burst of drops does not drown out "api-3 crashed".
 */
import { useEffect, useRef, useState } from "react";
import type { NarrationItem } from "@/lib/lab/narration";
import { useLab, useLabState } from "../lab-context";
import { formatSimTime } from "../format";

const ANNOUNCE_EVERY_MS = 3000;

export function NarrationLive() {
  const { store } = useLab();
  const [message, setMessage] = useState("");
  const seen = useRef(0);
  const last = useRef(0);
  useEffect(() => {
    let pending: NarrationItem[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    const announce = () => {
      timer = null;
      if (!pending.length) return;
      const best = [...pending].sort((a, b) => b.weight - a.weight)[0];
      const more = pending.length - 1;
      setMessage(`At ${formatSimTime(best.atMs)}: ${best.text}${more > 0 ? `, and ${more} more event${more > 1 ? "s" : ""}` : ""}.`);
      pending = [];
      last.current = performance.now();
    };
    return store.subscribe((state, previous) => {
      if (state.narration === previous.narration) return;
      const fresh = state.narration.filter((n) => !previous.narration.includes(n));
      if (state.narration.length < previous.narration.length) seen.current = 0;
      pending.push(...fresh.filter((n) => n.weight >= 5));
      if (!pending.length || timer) return;
      timer = setTimeout(announce, Math.max(0, ANNOUNCE_EVERY_MS - (performance.now() - last.current)));
    });
  }, [store]);
  return (
    <div aria-live="polite" aria-atomic="true" className="sr-only" data-testid="lab-live">
      {message}
    </div>
  );
}

export function NarrationLog() {
  const narration = useLabState((s) => s.narration);
  const recent = narration.slice(-8).reverse();
  return (
    <section aria-label="Event log" className="text-sm">
      <h4 className="mb-1 font-medium">Events</h4>
      {recent.length === 0 ? (
        <p className="text-muted">Nothing notable yet. Crash a node or raise the load.</p>
      ) : (
        <ol className="space-y-0.5" data-testid="lab-events">
          {recent.map((n) => (
            <li key={n.key} className="flex gap-2">
              <span className="w-14 shrink-0 text-right font-mono text-xs text-muted">{formatSimTime(n.atMs)}</span>
              <span className={n.alarm ? "text-fg" : "text-muted"}>
                {n.alarm && <span aria-hidden>⚠ </span>}
                {n.text}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
