"use client";
/**
 * Keyboard shortcuts anywhere in a focused lab (not only on the playback buttons): Space or K plays
 * and pauses, ← / → scrub one second back or forward (Shift: ten seconds). They stand aside where a
 * key already means something: typing in a field, a slider or select, a tab list, the graph's nodes
 * and edges (arrows move between them), a menu, and Space on a button (which presses it).
 */
import { useCallback, type KeyboardEvent } from "react";
import type { LabController } from "@/lib/lab/lab-controller";

const TYPING = "input, textarea, select, [contenteditable=''], [contenteditable='true']";
const OWNS_ARROWS = `${TYPING}, [role='tablist'], [role='menu'], [role='menuitem'], [role='radiogroup'], [role='slider'], [role='listbox'], .react-flow__node, [data-lab-edge], [data-lab-node]`;
const OWNS_SPACE = `${TYPING}, button, a[href], summary, [role='button'], [role='switch'], [role='tab'], [role='menuitem'], [role='checkbox']`;

/** The step ← / → move the time by, in simulated ms. */
export const SCRUB_STEP_MS = 1000;

/** A keydown handler for the lab's frame. */
export function useLabShortcuts(lab: LabController) {
  return useCallback(
    (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target as HTMLElement;
      const key = event.key;
      if (key === " " || key === "k" || key === "K") {
        if (target.closest(key === " " ? OWNS_SPACE : TYPING)) return;
        event.preventDefault();
        lab.togglePlay();
      } else if (key === "ArrowLeft" || key === "ArrowRight") {
        if (target.closest(OWNS_ARROWS)) return;
        event.preventDefault();
        const { timeMs } = lab.store.getState();
        const step = (event.shiftKey ? 10 : 1) * SCRUB_STEP_MS * (key === "ArrowLeft" ? -1 : 1);
        lab.seek(timeMs + step);
      }
    },
    [lab],
  );
}
