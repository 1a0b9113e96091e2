/**
 * Reading progress: the set of chapter ids a learner marked as read, kept in localStorage
 * (never sent anywhere). A small vanilla store so React components can subscribe through
 * useSyncExternalStore and other tabs stay in step through the "storage" event.
 */

/** localStorage key; the version suffix lets the format change without misreading old data. */
export const progressStorageKey = "faultline:progress:v1";

/** Stored format. */
interface StoredProgress {
  read: string[];
}

/** Parses stored progress; anything malformed reads as "nothing read yet". */
export function parseProgress(raw: string | null): ReadonlySet<string> {
  if (!raw) return new Set();
  try {
    const data = JSON.parse(raw) as Partial<StoredProgress>;
    return new Set(Array.isArray(data.read) ? data.read.filter((id): id is string => typeof id === "string") : []);
  } catch {
    return new Set();
  }
}

/** Serialises progress, sorted so the stored value is stable. */
export function serializeProgress(read: ReadonlySet<string>): string {
  return JSON.stringify({ read: [...read].sort() } satisfies StoredProgress);
}

/** A subscribable view of the learner's progress. */
export interface ProgressStore {
  /** The current set of read chapter ids (same object until it changes). */
  getSnapshot(): ReadonlySet<string>;
  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** Marks a chapter read or unread and persists it. */
  setRead(chapterId: string, read: boolean): void;
}

/** Minimal storage interface (window.localStorage satisfies it; tests pass a fake). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/**
 * Creates a progress store over `storage`. `onExternalChange` registers a callback for changes
 * made elsewhere (another tab) and returns its remover.
 */
export function createProgressStore(storage: KeyValueStorage | undefined, onExternalChange?: (callback: () => void) => () => void): ProgressStore {
  const read = () => {
    try {
      return parseProgress(storage?.getItem(progressStorageKey) ?? null);
    } catch {
      return new Set<string>();
    }
  };
  let snapshot = read();
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((listener) => listener());
  let stopExternal: (() => void) | undefined;

  return {
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      if (listeners.size === 1 && onExternalChange) {
        stopExternal = onExternalChange(() => {
          snapshot = read();
          notify();
        });
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) stopExternal?.();
      };
    },
    setRead(chapterId, isRead) {
      const next = new Set(snapshot);
      if (isRead) next.add(chapterId);
      else next.delete(chapterId);
      snapshot = next;
      try {
        storage?.setItem(progressStorageKey, serializeProgress(next));
      } catch {
        // Storage full or blocked: progress lasts for this page only.
      }
      notify();
    },
  };
}
