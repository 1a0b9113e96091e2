"use client";
/**
 * Subscribes a component to this lab's protocol logs (the space-time view's data), re-rendering at
 * most every `intervalMs` while frames stream in: the log is mutated in place, so the version number
 * is what changes.
 */
import { useEffect, useState } from "react";
import type { ProtocolLog } from "@/lib/spacetime/log-store";
import { useLab } from "../lab-context";

export function useProtocolLogs(intervalMs = 120): { logs: ProtocolLog[]; version: number } {
  const store = useLab().protocol;
  const [version, setVersion] = useState(store.version);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last = 0;
    const flush = () => {
      timer = null;
      last = performance.now();
      setVersion(store.version);
    };
    const unsubscribe = store.subscribe(() => {
      const wait = intervalMs - (performance.now() - last);
      if (wait <= 0) flush();
      else if (timer === null) timer = setTimeout(flush, wait);
    });
    setVersion(store.version);
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
  }, [store, intervalMs]);
  return { logs: [...store.logs.values()], version };
}
