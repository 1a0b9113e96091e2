import { describe, expect, it } from "vitest";
import { mdxComponents } from "@/components/mdx/registry";
import { mdxComponentNames } from "@/lib/content/mdx-vocabulary";

describe("MDX component registry", () => {
  it("provides exactly the components content/README.md lists (the names the compiler accepts)", () => {
    expect(Object.keys(mdxComponents).sort()).toEqual([...mdxComponentNames].sort());
  });
});
