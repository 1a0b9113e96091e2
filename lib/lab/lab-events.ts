/**
 * DOM events the course's widgets emit on `window`, all named `faultline:<name>` like the embed
 * postMessage API (lib/share/embed-protocol.ts), so the embed view can relay them to a parent frame.
 */

export interface LabEventMap {
  "faultline:prediction-answered": { scenario: string; metric: string; guess: number; measured: number };
  "faultline:challenge-checked": { id: string; scenario: string; passed: boolean };
}

/** Dispatches `new CustomEvent(name, { detail })` on window (a no-op outside the browser). */
export function emitLabEvent<K extends keyof LabEventMap>(name: K, detail: LabEventMap[K]): void {
  if (typeof window === "undefined" || typeof CustomEvent === "undefined") return;
  window.dispatchEvent(new CustomEvent(name, { detail }));
}
