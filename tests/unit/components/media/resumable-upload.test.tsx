// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { act } from "react";
import { renderToString } from "react-dom/server";
import { ResumableUpload } from "@/components/media/resumable-upload";
import { ResumableUpload as ResumableUploadMdx } from "@/components/mdx/media";
import { render, q, setInput, text } from "../harness";

describe("<ResumableUpload>", () => {
  it("renders on the server with a live summary and a table of connections", () => {
    const doc = new DOMParser().parseFromString(renderToString(<ResumableUpload />), "text/html");
    expect(doc.querySelector("[data-testid=upload-summary]")!.getAttribute("aria-live")).toBe("polite");
    expect(doc.querySelectorAll("[data-testid=upload-table] tbody tr").length).toBe(50);
  });

  it("default link: the whole 300 MB file gives up, 5 MB chunks finish with little waste", () => {
    const host = render(<ResumableUpload />);
    const s = text(host, "upload-summary");
    expect(s).toMatch(/Whole file: gave up after 50 connections with nothing kept, 2,389 MB sent/);
    expect(s).toMatch(/In 5 MB chunks: finished after 5 connections, 310 MB sent, 10\.2 MB of it lost/);
    expect(s).toMatch(/chance of only 0\.2%/); // exp(-300/50) = 0.25%
  });

  it("a smaller file on a kinder link finishes both ways; another link changes the run", () => {
    const host = render(<ResumableUpload />);
    setInput(q<HTMLInputElement>(host, "upload-file"), "0"); // 20 MB
    setInput(q<HTMLInputElement>(host, "upload-drops"), "4"); // every 250 MB
    expect(text(host, "upload-summary")).toMatch(/Whole file: finished after 1 connection, 20\.0 MB sent/);
    const before = text(host, "upload-summary");
    setInput(q<HTMLInputElement>(host, "upload-file"), "3");
    setInput(q<HTMLInputElement>(host, "upload-drops"), "1");
    const one = text(host, "upload-summary");
    act(() => q(host, "upload-reroll").click());
    expect(text(host, "upload-summary")).toMatch(/link 2/);
    expect(text(host, "upload-summary")).not.toBe(one);
    expect(before).not.toBe(one);
  });

  it("the MDX wrapper refuses a bad prop by name", () => {
    expect(() => ResumableUploadMdx({ chunk: 5 })).toThrow(/<ResumableUpload> chunk must be a whole number from 0 to 4/);
    expect(() => ResumableUploadMdx({ seed: 0 })).toThrow(/seed/);
  });
});
