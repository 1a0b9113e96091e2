/**
 * The labs on the current page, by scenario id, so something outside a lab (a share link's
 * landing, a card in the text) can find it: `registerPageLab` when a lab's controller exists,
 * `findPageLab` for the first such lab in document order, `whenPageLab` to wait for one that is
 * still loading (labs load when they scroll into view).
 */
import type { LabController } from "@/lib/lab/lab-controller";

export interface PageLabHandle {
  controller: LabController;
  /** The lab's outer element on the page (for scrolling to it); null while not mounted. */
  element: HTMLElement | null;
}

const labs = new Map<string, PageLabHandle[]>();
const waiters = new Map<string, ((handle: PageLabHandle) => void)[]>();

function documentOrder(a: PageLabHandle, b: PageLabHandle): number {
  if (!a.element || !b.element) return a.element ? -1 : b.element ? 1 : 0;
  return a.element.compareDocumentPosition(b.element) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
}

/** Registers a lab; returns the function that removes it again (call it when the lab goes away). */
export function registerPageLab(scenarioId: string, handle: PageLabHandle): () => void {
  labs.set(scenarioId, [...(labs.get(scenarioId) ?? []), handle].sort(documentOrder));
  const waiting = waiters.get(scenarioId);
  if (waiting) {
    waiters.delete(scenarioId);
    for (const resolve of waiting) resolve(handle);
  }
  return () => {
    const rest = (labs.get(scenarioId) ?? []).filter((h) => h !== handle);
    if (rest.length) labs.set(scenarioId, rest);
    else labs.delete(scenarioId);
  };
}

/** The first registered lab of this scenario on the page, in document order. */
export function findPageLab(scenarioId: string): PageLabHandle | undefined {
  return labs.get(scenarioId)?.[0];
}

/** The lab of this scenario as soon as one registers (at once when one already has). */
export function whenPageLab(scenarioId: string, signal?: AbortSignal): Promise<PageLabHandle> {
  const found = findPageLab(scenarioId);
  if (found) return Promise.resolve(found);
  return new Promise((resolve, reject) => {
    const list = waiters.get(scenarioId) ?? [];
    list.push(resolve);
    waiters.set(scenarioId, list);
    signal?.addEventListener("abort", () => {
      waiters.set(scenarioId, (waiters.get(scenarioId) ?? []).filter((r) => r !== resolve));
      reject(signal.reason);
    });
  });
}
