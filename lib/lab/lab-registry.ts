/**
 * Where the labs of a page are, so prose can drive them: a Break-it card's "Try it", a Watch chip,
 * a prediction's "Show me". Each lab registers its controller under its wrapper element
 * (`[data-lab-scenario]`) once it is running; a card finds the element it means (the nearest
 * chapter lab above it) and waits here until that lab is hydrated and registered.
 *
 * DOM-aware but React-free. The hydrate request is a bubbling `faultline:hydrate` event on the
 * lab's element, which the lazy wrappers (components/ui/hydrate-when-visible.tsx, LabIsland) answer
 * by loading at once instead of waiting for the scroll.
 */
import type { LabController } from "./lab-controller";

const labs = new Map<Element, LabController>();
const listeners = new Set<() => void>();

/** The event that asks a lazy lab to load now. */
export const HYDRATE_EVENT = "faultline:hydrate";

/** Registers a running lab under its wrapper element; returns the unregister function. */
export function registerLab(element: Element, controller: LabController): () => void {
  labs.set(element, controller);
  for (const l of [...listeners]) l();
  return () => {
    if (labs.get(element) === controller) labs.delete(element);
  };
}

/** The running lab under `element` (or inside it), if any. */
export function labAt(element: Element | null): LabController | undefined {
  if (!element) return undefined;
  const direct = labs.get(element);
  if (direct) return direct;
  for (const [el, controller] of labs) if (element.contains(el)) return controller;
  return undefined;
}

/**
 * Resolves with the lab `find()` points at once it is running. `find` is asked again on every
 * registration, so a lab that hydrates (or whose element is replaced) is found when it arrives.
 */
export function whenLab(find: () => Element | null, signal?: AbortSignal): Promise<LabController> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const controller = labAt(find());
      if (!controller) return false;
      listeners.delete(check);
      resolve(controller);
      return true;
    };
    if (check()) return;
    listeners.add(check);
    signal?.addEventListener("abort", () => {
      listeners.delete(check);
      reject(new DOMException("The lab was not needed any more.", "AbortError"));
    });
  });
}

/** Asks the lazy lab at `element` to load now (it may be far from the viewport). */
export function requestHydration(element: Element): void {
  element.dispatchEvent(new CustomEvent(HYDRATE_EVENT, { bubbles: true }));
}

/**
 * The chapter lab a card or prediction at `from` means: with `scenario`, the nearest lab of that
 * scenario above it (else the first one after it); without, the nearest chapter lab above it.
 */
export function findChapterLab(from: Element, scenario?: string): Element | null {
  const all = [...document.querySelectorAll("[data-chapter-lab]")].filter((el) => !scenario || el.getAttribute("data-chapter-lab") === scenario);
  const above = all.filter((el) => el.compareDocumentPosition(from) & Node.DOCUMENT_POSITION_FOLLOWING);
  const figure = above[above.length - 1] ?? (scenario ? all[0] : null) ?? null;
  return figure?.querySelector("[data-lab-scenario]") ?? figure;
}

function prefersReducedMotion(): boolean {
  return typeof window !== "undefined" && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
}

/**
 * The lab a piece of prose at `anchor` drives (see {@link findChapterLab}), hydrated if it was not
 * yet and scrolled into view when `scroll` is set. Rejects when the page has no such lab.
 */
export async function reachLab(anchor: Element, scenario: string | undefined, scroll: boolean): Promise<LabController> {
  const find = () => findChapterLab(anchor, scenario);
  const target = find();
  if (!target) throw new Error(scenario ? `No lab of ${scenario} on this page.` : "There is no lab above this card.");
  if (scroll) target.scrollIntoView({ behavior: prefersReducedMotion() ? "auto" : "smooth", block: "start" });
  // Ask the lazy wrappers to load now, and again each frame until the lab registers (a wrapper
  // that hydrates after the first request hears the next one).
  let frame = 0;
  const ask = () => {
    const el = find();
    if (el) requestHydration(el);
    frame = requestAnimationFrame(ask);
  };
  ask();
  try {
    return await whenLab(find);
  } finally {
    cancelAnimationFrame(frame);
  }
}
