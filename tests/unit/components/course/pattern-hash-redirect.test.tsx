// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from "vitest";
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { PatternHashRedirect } from "@/components/course/pattern-hash-redirect";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
afterEach(() => {
  act(() => root?.unmount());
  document.body.innerHTML = "";
  vi.restoreAllMocks();
});

function mount(hash: string, pageIds: string[]) {
  const replace = vi.fn();
  vi.spyOn(window, "location", "get").mockReturnValue({ ...window.location, hash, replace } as unknown as Location);
  for (const id of pageIds) {
    const el = document.createElement("section");
    el.id = id;
    document.body.append(el);
  }
  const host = document.createElement("div");
  document.body.append(host);
  root = createRoot(host);
  act(() => root!.render(<PatternHashRedirect chapterId="message-queues" homes={{ "rabbitmq-exchanges": "message-brokers-in-practice" }} />));
  return replace;
}

describe("<PatternHashRedirect>", () => {
  it("replaces the location when the hash names a pattern that moved", () => {
    expect(mount("#rabbitmq-exchanges", ["competing-consumers"])).toHaveBeenCalledWith("/learn/message-brokers-in-practice#rabbitmq-exchanges");
  });

  it("does nothing when the anchor is on the page", () => {
    expect(mount("#rabbitmq-exchanges", ["rabbitmq-exchanges"])).not.toHaveBeenCalled();
  });
});
