/**
 * <BreakIt>: the Why paragraphs go into the reveal whether the author writes "**Why**" or
 * "**Why:**", so a reader never sees the answer before running the change.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { BreakIt, opensWith } from "@/components/mdx/break-it";

describe("<BreakIt>", () => {
  it.each(["Why", "Why:", "Why."])("recognises the label %s", (label) => {
    expect(opensWith(<p><strong>{label}</strong> because.</p>, "Why")).toBe(true);
  });

  it("does not take a paragraph that merely mentions the label", () => {
    expect(opensWith(<p>Why <strong>this</strong></p>, "Why")).toBe(false);
    expect(opensWith(<p><strong>Whyever</strong> not</p>, "Why")).toBe(false);
  });

  it("keeps Change and Watch in the card body and nothing of Why before the reveal", () => {
    const html = renderToStaticMarkup(
      <BreakIt title="Slow start" change={{ "a.b": 1 }}>
        <p><strong>Change:</strong> make it slow.</p>
        <p><strong>Watch:</strong> <code>latencyMs.p99</code>.</p>
        <p><strong>Why:</strong> SECRET reason.</p>
      </BreakIt>,
    );
    // The Why goes to the reveal island (a placeholder on the server), never into the card body.
    expect(html).toContain("make it slow.");
    expect(html).toContain("latencyMs.p99");
    expect(html).not.toContain("SECRET");
  });
});
