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
  /** Replaces the whole set (importing a progress file). */
  setAll(read: Iterable<string>): void;
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

  const setAll = (read: Iterable<string>) => {
    const next = new Set(read);
    snapshot = next;
    try {
      storage?.setItem(progressStorageKey, serializeProgress(next));
    } catch {
      // Storage full or blocked: progress lasts for this page only.
    }
    notify();
  };

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
      setAll(next);
    },
    setAll,
  };
}

/**
 * Progress as a file, for learners whose storage is partitioned or cleared (an embed on another
 * site, another browser, a school computer): the chapters read and the challenges solved.
 * `{ "format": "faultline-progress", "version": 1, "read": [...], "solvedChallenges": [...] }`.
 * Import is strict: the whole file is refused, with a message naming the problem, unless every
 * field is right; nothing is changed by a refused file.
 */
/** localStorage key of a solved challenge (the same as components/mdx/challenge-lab.tsx writes). */
export const solvedChallengeKey = (id: string) => `faultline:challenge:${id}`;

export interface ProgressFile {
  format: "faultline-progress";
  version: 1;
  read: string[];
  solvedChallenges: string[];
}

/** Largest progress file accepted (bytes); a real one is a few kB. */
export const MAX_PROGRESS_FILE_BYTES = 200_000;
const PROGRESS_ID = /^[a-z0-9][a-z0-9-]{0,99}$/;
const MAX_IDS = 2000;

/** The file text for this progress (ids sorted, so exports are stable). */
export function progressFileText(read: Iterable<string>, solvedChallenges: Iterable<string>): string {
  const file: ProgressFile = { format: "faultline-progress", version: 1, read: [...new Set(read)].sort(), solvedChallenges: [...new Set(solvedChallenges)].sort() };
  return JSON.stringify(file, null, 2) + "\n";
}

/** Reads a progress file; never throws. */
export function parseProgressFile(text: string): { ok: true; file: ProgressFile } | { ok: false; error: string } {
  if (text.length > MAX_PROGRESS_FILE_BYTES) return { ok: false, error: `The file is too large for a progress file (${Math.round(text.length / 1000)} kB; the limit is ${MAX_PROGRESS_FILE_BYTES / 1000} kB).` };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, error: "The file is not a Faultline progress file: it is not JSON." };
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) return { ok: false, error: "The file is not a Faultline progress file: it is not a JSON object." };
  const record = data as Record<string, unknown>;
  if (record.format !== "faultline-progress") return { ok: false, error: 'The file is not a Faultline progress file (its "format" is not "faultline-progress").' };
  if (record.version !== 1) return { ok: false, error: `The progress file has version ${JSON.stringify(record.version)?.slice(0, 20)}; this site reads version 1.` };
  const allowed = new Set(["format", "version", "read", "solvedChallenges"]);
  const unknown = Object.keys(record).find((k) => !allowed.has(k));
  if (unknown !== undefined) return { ok: false, error: `The progress file has an unknown field "${unknown.slice(0, 40)}".` };
  for (const field of ["read", "solvedChallenges"] as const) {
    const list = record[field];
    if (!Array.isArray(list)) return { ok: false, error: `The progress file's "${field}" must be a list of ids.` };
    if (list.length > MAX_IDS) return { ok: false, error: `The progress file's "${field}" has more than ${MAX_IDS} ids.` };
    const bad = list.find((id) => typeof id !== "string" || !PROGRESS_ID.test(id));
    if (bad !== undefined) return { ok: false, error: `The progress file's "${field}" has an id that is not one: ${JSON.stringify(bad)?.slice(0, 60)}.` };
  }
  return { ok: true, file: { format: "faultline-progress", version: 1, read: [...new Set(record.read as string[])], solvedChallenges: [...new Set(record.solvedChallenges as string[])] } };
}
