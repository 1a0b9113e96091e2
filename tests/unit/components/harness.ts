/**
 * Rendering a client component into happy-dom for widget tests: `render` mounts it inside `act`, and
 * the root is unmounted and the body emptied after each test (the hook registers on import). Plus the
 * small DOM helpers the widget tests share. Test files still declare `// @vitest-environment happy-dom`.
 */
import { afterEach } from "vitest";
import { act, type ReactElement } from "react";
import { createRoot, type Root } from "react-dom/client";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
afterEach(() => {
  act(() => root?.unmount());
  root = null;
  document.body.innerHTML = "";
});

/** Mounts `ui` in a fresh element appended to the body and returns that element. */
export function render(ui: ReactElement): HTMLElement {
  const host = document.createElement("div");
  document.body.append(host);
  root = createRoot(host);
  act(() => root!.render(ui));
  return host;
}

/** The element with `data-testid={id}` inside `host`. */
export const q = <T extends HTMLElement = HTMLElement>(host: HTMLElement, id: string) => host.querySelector<T>(`[data-testid=${id}]`)!;

/** The text of the element with `data-testid={id}`. */
export const text = (host: HTMLElement, id: string) => q(host, id).textContent ?? "";

/** Types `value` into an input as React sees it (the native setter, then an input event). */
export function setInput(el: HTMLInputElement, value: string) {
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!;
  act(() => {
    setter.call(el, value);
    el.dispatchEvent(new Event("input", { bubbles: true }));
  });
}
