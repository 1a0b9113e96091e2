"use client";
/**
 * Each lab provides its own controller (and so its own store) through context: a page holds several
 * labs and none of them share state.
 */
import { createContext, useContext, useEffect, useRef, useState } from "react";
import { useStore } from "zustand";
import type { LabController } from "@/lib/lab/lab-controller";
import type { LabState } from "@/lib/stores/lab-store";

export const LabContext = createContext<LabController | null>(null);

/** The controller of the lab this component is inside. */
export function useLab(): LabController {
  const controller = useContext(LabContext);
  if (!controller) throw new Error("FL-LAB-001: a lab component was rendered outside <LabContext.Provider>.");
  return controller;
}

/** Subscribes to a slice of this lab's state (re-renders when the slice changes). */
export function useLabState<T>(selector: (state: LabState) => T): T {
  return useStore(useLab().store, selector);
}

/**
 * Like {@link useLabState} but re-renders at most every `intervalMs` (charts: ~5 updates a second
 * while frames arrive at 30).
 */
export function useThrottledLabState<T>(selector: (state: LabState) => T, intervalMs = 200): T {
  return useThrottledStoreState(useLab().store, selector, intervalMs);
}

/** Compare mode: variant B's controller, or null when the lab is not comparing. */
export const VariantContext = createContext<LabController | null>(null);

/** Variant B of this lab (compare mode), or null. */
export function useVariant(): LabController | null {
  return useContext(VariantContext);
}

/** {@link useThrottledLabState} on any lab's store (variant B's); `fallback` when there is none. */
export function useThrottledStoreState<T>(store: LabController["store"] | null, selector: (state: LabState) => T, intervalMs = 200, fallback?: T): T {
  const [value, setValue] = useState(() => (store ? selector(store.getState()) : (fallback as T)));
  const selectorRef = useRef(selector);
  useEffect(() => {
    selectorRef.current = selector;
  });
  useEffect(() => {
    if (!store) return;
    setValue(selectorRef.current(store.getState()));
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let latest = selectorRef.current(store.getState());
    const flush = () => {
      timer = null;
      last = performance.now();
      setValue(latest);
    };
    const unsubscribe = store.subscribe((state) => {
      const next = selectorRef.current(state);
      if (Object.is(next, latest)) return;
      latest = next;
      const wait = intervalMs - (performance.now() - last);
      if (wait <= 0) flush();
      else if (timer === null) timer = setTimeout(flush, wait);
    });
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
  }, [store, intervalMs]);
  return value;
}

/** Whether animations should be replaced by static counters (system setting or the lab's toggle). */
export function useReducedMotion(): boolean {
  const preference = useLabState((s) => s.motion);
  const [system, setSystem] = useState(false);
  useEffect(() => {
    const query = window.matchMedia("(prefers-reduced-motion: reduce)");
    setSystem(query.matches);
    const onChange = () => setSystem(query.matches);
    query.addEventListener("change", onChange);
    return () => query.removeEventListener("change", onChange);
  }, []);
  return preference === "reduced" || (preference === "system" && system);
}
