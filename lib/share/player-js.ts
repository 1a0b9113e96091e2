/**
 * The player.js receiver protocol (github.com/embedly/player.js, the spec its `Receiver` implements,
 * version 0.0.11), as far as it maps onto a lab: simulated time stands for media time, in seconds.
 *
 * The host posts JSON strings (or objects) `{ context: "player.js", method, value?, listener? }`;
 * the lab answers with JSON strings `{ context: "player.js", version, event, value?, listener? }`.
 * Supported methods: play, pause, getPaused, getCurrentTime, setCurrentTime, getDuration,
 * addEventListener, removeEventListener; events: ready, play, pause, timeupdate, ended. Methods
 * about sound (mute, volume) and loop have no meaning for a lab and are not offered (the ready
 * event lists what is). Parsing is strict like the rest of the embed protocol: anything malformed
 * is ignored.
 */

export const PLAYERJS_CONTEXT = "player.js";
export const PLAYERJS_VERSION = "0.0.11";
export const PLAYERJS_METHODS = ["play", "pause", "getPaused", "getCurrentTime", "setCurrentTime", "getDuration", "addEventListener", "removeEventListener"] as const;
export const PLAYERJS_EVENTS = ["ready", "play", "pause", "timeupdate", "ended"] as const;

export type PlayerJsMethod = (typeof PLAYERJS_METHODS)[number];
export type PlayerJsEvent = (typeof PLAYERJS_EVENTS)[number];

export interface PlayerJsCall {
  method: PlayerJsMethod;
  /** setCurrentTime: seconds; add/removeEventListener: the event name. */
  value?: number | PlayerJsEvent;
  /** The host's callback id, echoed in the answer. */
  listener?: string;
}

const MAX_MESSAGE_CHARS = 1000;
const MAX_SECONDS = 1e6;

/** The call a host's message carries, or null for anything that is not exactly a valid one. */
export function parsePlayerJsMessage(data: unknown): PlayerJsCall | null {
  let message: unknown = data;
  if (typeof data === "string") {
    if (data.length > MAX_MESSAGE_CHARS || !data.includes(PLAYERJS_CONTEXT)) return null;
    try {
      message = JSON.parse(data);
    } catch {
      return null;
    }
  }
  if (typeof message !== "object" || message === null || Array.isArray(message) || Object.getPrototypeOf(message) !== Object.prototype) return null;
  const record = message as Record<string, unknown>;
  const allowed = new Set(["context", "version", "method", "value", "listener"]);
  if (Object.keys(record).some((k) => !allowed.has(k))) return null;
  if (record.context !== PLAYERJS_CONTEXT) return null;
  const method = record.method;
  if (typeof method !== "string" || !(PLAYERJS_METHODS as readonly string[]).includes(method)) return null;
  const call: PlayerJsCall = { method: method as PlayerJsMethod };
  const listener = record.listener;
  if (listener !== undefined && listener !== null) {
    if ((typeof listener !== "string" && typeof listener !== "number") || String(listener).length > 64) return null;
    call.listener = String(listener);
  }
  const value = record.value;
  if (method === "setCurrentTime") {
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > MAX_SECONDS) return null;
    call.value = value;
  } else if (method === "addEventListener" || method === "removeEventListener") {
    if (typeof value !== "string" || !(PLAYERJS_EVENTS as readonly string[]).includes(value)) return null;
    call.value = value as PlayerJsEvent;
  }
  return call;
}

/** A message to the host, as the JSON string player.js expects. */
export function playerJsMessage(event: string, value?: unknown, listener?: string): string {
  const data: Record<string, unknown> = { context: PLAYERJS_CONTEXT, version: PLAYERJS_VERSION, event };
  if (value !== undefined && value !== null) data.value = value;
  if (listener !== undefined) data.listener = listener;
  return JSON.stringify(data);
}

/** The value of the ready event: where the lab is and what it supports. */
export function playerJsReadyValue(src: string) {
  return { src, events: [...PLAYERJS_EVENTS], methods: [...PLAYERJS_METHODS] };
}

/**
 * The receiver's listener bookkeeping: player.js sends an event only to listeners the host added
 * (ready is sent once even without one). Pure, so tests drive it.
 */
export function createPlayerJsListeners() {
  const listeners = new Map<PlayerJsEvent, Set<string | undefined>>();
  return {
    add(event: PlayerJsEvent, listener?: string) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
    },
    remove(event: PlayerJsEvent, listener?: string) {
      listeners.get(event)?.delete(listener);
    },
    /** The messages to post for `event`. */
    messages(event: PlayerJsEvent, value?: unknown): string[] {
      return [...(listeners.get(event) ?? [])].map((l) => playerJsMessage(event, value, l));
    },
  };
}
