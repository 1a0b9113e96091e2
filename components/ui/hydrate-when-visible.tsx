"use client";
/**
 * Server HTML now, JavaScript when needed. `hydrateWhenVisible(load)` wraps a client component whose
 * code is imported lazily: the server renders it in full (so its text reads at once and without
 * JavaScript), the browser keeps that HTML as it is, and the component's chunk is fetched and
 * hydrated only when it comes near the viewport. This keeps widgets far down a chapter (Predict,
 * Challenge) out of the JavaScript a page loads before anything is shown.
 *
 * How: during hydration the lazy component waits on a gate that opens when an IntersectionObserver
 * sees the wrapper; a Suspense boundary that suspends while hydrating keeps its server HTML
 * (React's selective hydration). When the component mounts without server HTML (a client-side
 * navigation), the wrapper is empty after render and the gate opens at once, so nothing waits for
 * a scroll. The wrapper never re-renders itself, so React never discards the server HTML.
 */
import { lazy, Suspense, useLayoutEffect, useRef, useState, type ComponentType } from "react";
import { HYDRATE_EVENT } from "@/lib/lab/lab-registry";

/** Starts loading a bit before the widget scrolls into view, like LabIsland. */
const nearViewport = "300px 0px";

export interface HydrateWhenVisibleOptions {
  /**
   * Called when the widget comes near the viewport (not when it mounts without server HTML):
   * start fetching a chunk the widget will ask for as soon as it runs (the lab app, a drawing),
   * so it downloads alongside the widget's own code instead of after it.
   */
  preloadWhenNear?: () => Promise<unknown>;
}

export function hydrateWhenVisible<P extends object>(load: () => Promise<ComponentType<P>>, { preloadWhenNear }: HydrateWhenVisibleOptions = {}): ComponentType<P> {
  // One import for the whole page, started by the first instance that needs it.
  let loading: Promise<{ default: ComponentType<P> }> | null = null;
  const importOnce = () => (loading ??= load().then((component) => ({ default: component })));

  function HydrateWhenVisible(props: P) {
    const ref = useRef<HTMLDivElement>(null);
    const [gate] = useState(() => {
      let open: (near: boolean) => void = () => {};
      const opened = typeof window === "undefined" ? Promise.resolve(false) : new Promise<boolean>((resolve) => (open = resolve));
      return { opened, open };
    });
    const [Component] = useState(() =>
      lazy(() =>
        gate.opened.then((near) => {
          if (near) preloadWhenNear?.().catch(() => {}); // the widget's own import reports failures
          return importOnce();
        }),
      ),
    );

    useLayoutEffect(() => {
      const el = ref.current;
      // Empty wrapper: no server HTML to keep (client navigation), so load now.
      if (!el || !el.firstChild || typeof IntersectionObserver === "undefined") return gate.open(false);
      const observer = new IntersectionObserver(
        (entries) => {
          if (entries.some((e) => e.isIntersecting)) {
            observer.disconnect();
            gate.open(true);
          }
        },
        { rootMargin: nearViewport },
      );
      observer.observe(el);
      // Prose that drives a widget ("Try it" on a Break-it card) asks for it at once.
      const now = () => gate.open(true);
      el.addEventListener(HYDRATE_EVENT, now);
      return () => {
        observer.disconnect();
        el.removeEventListener(HYDRATE_EVENT, now);
      };
    }, [gate]);

    return (
      <div ref={ref}>
        <Suspense fallback={null}>
          <Component {...props} />
        </Suspense>
      </div>
    );
  }
  return HydrateWhenVisible;
}
