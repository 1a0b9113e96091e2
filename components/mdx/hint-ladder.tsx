"use client";
/**
 * A challenge's hint ladder: hint 2 is offered only once hint 1 has been opened, and so on; the
 * worked solution comes after the last hint. The rungs are server-rendered <details> (each works
 * without JavaScript, where all are offered at once); after hydration the ones not yet earned are
 * hidden, and opening a rung offers the next (a capture listener hears the non-bubbling toggle).
 */
import { Children, useEffect, useRef, useState, type ReactNode } from "react";

export function HintLadder({ children }: { children?: ReactNode }) {
  const rungs = Children.toArray(children);
  const ref = useRef<HTMLDivElement>(null);
  const [hydrated, setHydrated] = useState(false);
  const [offered, setOffered] = useState(1);
  useEffect(() => setHydrated(true), []);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const onToggle = (event: Event) => {
      const details = event.target as HTMLDetailsElement;
      if (!details.open) return;
      const index = Number(details.closest("[data-rung]")?.getAttribute("data-rung"));
      if (Number.isFinite(index)) setOffered((n) => Math.max(n, index + 2));
    };
    el.addEventListener("toggle", onToggle, true);
    return () => el.removeEventListener("toggle", onToggle, true);
  }, []);
  const next = rungs.length - offered;
  return (
    <div ref={ref} className="mt-4 space-y-2" data-testid="hint-ladder">
      {rungs.map((rung, i) => (
        <div key={i} data-rung={i} hidden={hydrated && i >= offered ? true : undefined}>
          {rung}
        </div>
      ))}
      {hydrated && next > 0 && (
        <p className="text-xs text-muted" data-testid="hint-ladder-more">
          Open the last rung to be offered the next ({next} more).
        </p>
      )}
    </div>
  );
}
