"use client";

import { useSyncExternalStore } from "react";
import { createProgressStore, progressStorageKey, type ProgressStore } from "@/lib/progress/progress";

let store: ProgressStore | undefined;
const emptyProgress: ReadonlySet<string> = new Set();

function getStore(): ProgressStore {
  store ??= createProgressStore(
    (() => {
      try {
        return window.localStorage;
      } catch {
        return undefined;
      }
    })(),
    (callback) => {
      const onStorage = (event: StorageEvent) => {
        if (event.key === progressStorageKey) callback();
      };
      window.addEventListener("storage", onStorage);
      return () => window.removeEventListener("storage", onStorage);
    },
  );
  return store;
}

/**
 * The learner's read chapters. The server (and the first client render) sees nothing read,
 * so hydration matches; the stored progress appears right after.
 */
export function useProgress(): { read: ReadonlySet<string>; setRead: (chapterId: string, read: boolean) => void; setAll: (read: Iterable<string>) => void } {
  const read = useSyncExternalStore(
    (listener) => getStore().subscribe(listener),
    () => getStore().getSnapshot(),
    () => emptyProgress,
  );
  return { read, setRead: (chapterId, isRead) => getStore().setRead(chapterId, isRead), setAll: (ids) => getStore().setAll(ids) };
}
