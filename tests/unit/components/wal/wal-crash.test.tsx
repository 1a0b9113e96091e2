// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { act } from "react";
import { renderToString } from "react-dom/server";
import { WalCrash } from "@/components/wal/wal-crash";
import { WalCrash as WalCrashMdx } from "@/components/mdx/wal";
import { render, q, text } from "../harness";

describe("<WalCrash>", () => {
  it("renders on the server just before the fsync, with a live sentence", () => {
    const doc = new DOMParser().parseFromString(renderToString(<WalCrash />), "text/html");
    expect(doc.querySelector("[data-testid=wal-summary]")!.getAttribute("aria-live")).toBe("polite");
    expect(doc.querySelector("[data-testid=wal-summary]")!.textContent).toMatch(/rolled back/);
    expect(doc.querySelector("[data-testid=wal-final-A]")!.textContent).toBe("100");
  });

  it("one step further the commit survives, and the buttons jump either side of the fsync", () => {
    const host = render(<WalCrash />);
    act(() => q(host, "wal-next").click());
    expect(text(host, "wal-final-A")).toBe("70");
    expect(text(host, "wal-final-B")).toBe("80");
    expect(text(host, "wal-final-C")).toBe("10");
    expect(text(host, "wal-summary")).toMatch(/never heard back/);
    act(() => q(host, "wal-before").click());
    expect(text(host, "wal-verdict")).toMatch(/rolled back/);
    expect(text(host, "wal-log")).toMatch(/buffer only: lost/);
    act(() => q(host, "wal-after").click());
    expect(text(host, "wal-verdict")).toMatch(/survives/);
  });

  it("the MDX wrapper refuses a bad step by name", () => {
    expect(() => WalCrashMdx({ step: 12 })).toThrow(/<WalCrash> step must be a whole number from 0 to 9/);
  });
});
