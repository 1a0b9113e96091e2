/**
 * The values of a chapter component's attributes, read from the MDX syntax tree without running
 * any code: strings as written, and `{…}` expressions when they are plain literals (numbers,
 * strings, booleans, null, arrays and objects of those, a leading minus). Anything else (a variable,
 * a call, a spread) is left out, so build-time indexes (the /teach gallery) see exactly the data the
 * author wrote and nothing is evaluated.
 */
import type { SyntaxAttribute } from "./chapter-outline";

/** The subset of ESTree nodes a literal can be made of. */
interface EstreeNode {
  type: string;
  value?: unknown;
  operator?: string;
  argument?: EstreeNode;
  elements?: (EstreeNode | null)[];
  properties?: EstreeNode[];
  key?: EstreeNode;
  name?: string;
  computed?: boolean;
  kind?: string;
  method?: boolean;
  expressions?: EstreeNode[];
  quasis?: { value: { cooked?: string | null } }[];
  expression?: EstreeNode;
  body?: EstreeNode[];
}

/** Marks "not a literal" inside the evaluator. */
const NOT_LITERAL: unique symbol = Symbol("not a literal");

const FORBIDDEN_KEYS = new Set(["__proto__", "prototype", "constructor"]);

function literal(node: EstreeNode | null | undefined): unknown {
  if (!node) return NOT_LITERAL;
  switch (node.type) {
    case "Literal":
      return typeof node.value === "string" || typeof node.value === "number" || typeof node.value === "boolean" || node.value === null ? node.value : NOT_LITERAL;
    case "UnaryExpression": {
      const inner = literal(node.argument);
      if (typeof inner !== "number") return NOT_LITERAL;
      return node.operator === "-" ? -inner : node.operator === "+" ? inner : NOT_LITERAL;
    }
    case "TemplateLiteral":
      return node.expressions?.length === 0 && node.quasis?.length === 1 && typeof node.quasis[0]!.value.cooked === "string" ? node.quasis[0]!.value.cooked : NOT_LITERAL;
    case "ArrayExpression": {
      const out: unknown[] = [];
      for (const element of node.elements ?? []) {
        const value = literal(element);
        if (value === NOT_LITERAL) return NOT_LITERAL;
        out.push(value);
      }
      return out;
    }
    case "ObjectExpression": {
      const out: Record<string, unknown> = {};
      for (const property of node.properties ?? []) {
        if (property.type !== "Property" || property.computed || property.method || property.kind !== "init") return NOT_LITERAL;
        const key = property.key?.type === "Identifier" ? property.key.name : property.key?.type === "Literal" ? String(property.key.value) : undefined;
        if (key === undefined || FORBIDDEN_KEYS.has(key)) return NOT_LITERAL;
        const value = literal(property.value as EstreeNode);
        if (value === NOT_LITERAL) return NOT_LITERAL;
        out[key] = value;
      }
      return out;
    }
    default:
      return NOT_LITERAL;
  }
}

/** The value of one `{…}` expression's syntax tree (a Program of one expression statement), or undefined. */
export function literalFromEstree(program: unknown): unknown {
  const body = (program as EstreeNode | undefined)?.body;
  if (!Array.isArray(body) || body.length !== 1 || body[0]!.type !== "ExpressionStatement") return undefined;
  const value = literal(body[0]!.expression);
  return value === NOT_LITERAL ? undefined : value;
}

/** Every attribute of a JSX element whose value is a string or a literal expression; a bare attribute is `true`. */
export function literalAttributes(attributes: readonly SyntaxAttribute[] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const attribute of attributes ?? []) {
    if (attribute.type !== "mdxJsxAttribute" || !attribute.name || FORBIDDEN_KEYS.has(attribute.name)) continue;
    const raw = attribute.value;
    if (raw === null || raw === undefined) out[attribute.name] = true;
    else if (typeof raw === "string") out[attribute.name] = raw;
    else {
      const value = literalFromEstree((raw as { data?: { estree?: unknown } }).data?.estree);
      if (value !== undefined) out[attribute.name] = value;
    }
  }
  return out;
}
