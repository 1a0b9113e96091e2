import { describe, expect, it } from "vitest";
import { Parser } from "acorn";
import { literalAttributes, literalFromEstree } from "@/lib/content/jsx-literal";

const program = (code: string) => Parser.parse(code, { ecmaVersion: 2022 });

describe("literal attributes of chapter components", () => {
  it("reads plain literals: numbers, strings, booleans, null, arrays and objects, a leading minus", () => {
    expect(literalFromEstree(program(`[{ metric: "latencyMs.p99", max: 250 }, { "metric": 'x', min: -1.5, ok: true, none: null }]`))).toEqual([
      { metric: "latencyMs.p99", max: 250 },
      { metric: "x", min: -1.5, ok: true, none: null },
    ]);
    expect(literalFromEstree(program("`plain`"))).toBe("plain");
  });

  it("refuses anything that would need evaluating, and prototype keys", () => {
    for (const code of ["foo", "f()", "[...a]", "({ [k]: 1 })", "({ a() {} })", "`a${b}`", "({ __proto__: { x: 1 } })", "!true", "1 + 2", "a, b", "/re/"]) {
      expect(literalFromEstree(program(code)), code).toBeUndefined();
    }
    expect(literalFromEstree(undefined)).toBeUndefined();
  });

  it("keeps string attributes, literal expressions and bare flags; leaves the rest out", () => {
    const expr = (code: string) => ({ type: "mdxJsxAttributeValueExpression", value: code, data: { estree: program(code) } });
    const attributes = [
      { type: "mdxJsxAttribute", name: "id", value: "fix-it" },
      { type: "mdxJsxAttribute", name: "expose", value: expr(`["api.workers"]`) },
      { type: "mdxJsxAttribute", name: "dynamic", value: expr("someVariable") },
      { type: "mdxJsxAttribute", name: "eager", value: null },
      { type: "mdxJsxExpressionAttribute", value: "{...spread}" },
      { type: "mdxJsxAttribute", name: "__proto__", value: "x" },
    ];
    expect(literalAttributes(attributes as never)).toEqual({ id: "fix-it", expose: ["api.workers"], eager: true });
  });
});
