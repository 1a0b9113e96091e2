/**
 * A small schema language for scenario documents: one definition gives the validator (with messages
 * that name the field path, e.g. `nodes[2].serviceMs.meanMs must be a positive number`), the JSON
 * Schema published for editors, and the metadata (units, ranges, labels) the lab uses to generate
 * controls. Hand-written rather than a library because the browser build runs under a
 * Content-Security-Policy without unsafe-eval, which rules out code-generating validators, and
 * because the message style is part of the contract.
 */

export interface Issue {
  /** Field path such as `nodes[2].serviceMs.meanMs`; empty for the document itself. */
  path: string;
  message: string;
}

/** Metadata for documentation and generated controls. */
export interface FieldMeta {
  title?: string;
  description?: string;
  unit?: string;
  /** Suggested slider range (not a validation bound). */
  uiMin?: number;
  uiMax?: number;
  uiStep?: number;
  default?: unknown;
}

export interface Schema<T> {
  readonly type: string;
  readonly meta: FieldMeta;
  /** Returns the value (with defaults filled) or undefined after pushing issues. */
  parse(value: unknown, path: string, issues: Issue[]): T | undefined;
  /** The JSON Schema (draft 2020-12) of this value. */
  json(): Record<string, unknown>;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? value.slice(0, 40) + "…" : value);
  if (typeof value === "number") return String(value);
  return typeof value;
}

const joinPath = (path: string, key: string) => (path ? `${path}.${key}` : key);

/**
 * Keys that name the prototype machinery: never a field of any scenario object, refused wherever
 * they appear (as keys, and as segments of parameter paths), so data from a link can never reach
 * `Object.prototype` however it is walked later.
 */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(["__proto__", "prototype", "constructor"]);

function withMeta(json: Record<string, unknown>, meta: FieldMeta): Record<string, unknown> {
  const out = { ...json };
  if (meta.title) out.title = meta.title;
  if (meta.description) out.description = meta.description;
  if (meta.default !== undefined) out.default = meta.default;
  if (meta.unit) out["x-unit"] = meta.unit;
  return out;
}

export interface NumberOptions extends FieldMeta {
  min?: number;
  max?: number;
  /** Strictly greater than this. */
  above?: number;
  integer?: boolean;
}

/** A finite number. Message wording follows the bounds: "a positive number", "a ratio from 0 to 1". */
export function number(options: NumberOptions = {}): Schema<number> {
  const { min, max, above, integer } = options;
  let expectation: string;
  if (integer && above === 0) expectation = "a positive integer";
  else if (integer && min === 0 && max === undefined) expectation = "a non-negative integer";
  else if (integer && min !== undefined && max !== undefined) expectation = `an integer from ${min} to ${max}`;
  else if (integer && min !== undefined) expectation = `an integer of at least ${min}`;
  else if (integer) expectation = "an integer";
  else if (above === 0 && max === undefined) expectation = "a positive number";
  else if (min === 0 && max === 1) expectation = "a ratio from 0 to 1";
  else if (min === 0 && max === undefined) expectation = "a non-negative number";
  else if (min !== undefined && max !== undefined) expectation = `a number from ${min} to ${max}`;
  else if (above !== undefined && max !== undefined) expectation = `a number above ${above} and at most ${max}`;
  else if (above !== undefined) expectation = `a number above ${above}`;
  else if (min !== undefined) expectation = `a number of at least ${min}`;
  else if (max !== undefined) expectation = `a number of at most ${max}`;
  else expectation = "a number";
  // Every limit is named in the message, e.g. "a positive integer of at most 10,000,000".
  if (max !== undefined && !expectation.includes(" to ") && !expectation.includes("at most")) expectation += ` of at most ${max.toLocaleString("en-US")}`;
  return {
    type: "number",
    meta: options,
    parse(value, path, issues) {
      const ok =
        typeof value === "number" &&
        Number.isFinite(value) &&
        (!integer || Number.isInteger(value)) &&
        (min === undefined || value >= min) &&
        (max === undefined || value <= max) &&
        (above === undefined || value > above);
      if (!ok) {
        issues.push({ path, message: `${path || "value"} must be ${expectation} (got ${describe(value)})` });
        return undefined;
      }
      return value as number;
    },
    json() {
      const j: Record<string, unknown> = { type: integer ? "integer" : "number" };
      if (min !== undefined) j.minimum = min;
      if (max !== undefined) j.maximum = max;
      if (above !== undefined) j.exclusiveMinimum = above;
      return withMeta(j, options);
    },
  };
}

export interface StringOptions extends FieldMeta {
  pattern?: RegExp;
  patternName?: string;
  maxLength?: number;
}

export function string(options: StringOptions = {}): Schema<string> {
  const maxLength = options.maxLength ?? 200;
  return {
    type: "string",
    meta: options,
    parse(value, path, issues) {
      if (typeof value !== "string") {
        issues.push({ path, message: `${path} must be a string (got ${describe(value)})` });
        return undefined;
      }
      if (value.length > maxLength) {
        issues.push({ path, message: `${path} must be at most ${maxLength} characters long` });
        return undefined;
      }
      if (options.pattern && !options.pattern.test(value)) {
        issues.push({ path, message: `${path} must be ${options.patternName ?? `a string matching ${options.pattern}`} (got ${describe(value)})` });
        return undefined;
      }
      return value;
    },
    json() {
      const j: Record<string, unknown> = { type: "string", maxLength };
      if (options.pattern) j.pattern = options.pattern.source;
      return withMeta(j, options);
    },
  };
}

export function boolean(options: FieldMeta = {}): Schema<boolean> {
  return {
    type: "boolean",
    meta: options,
    parse(value, path, issues) {
      if (typeof value !== "boolean") {
        issues.push({ path, message: `${path} must be true or false (got ${describe(value)})` });
        return undefined;
      }
      return value;
    },
    json: () => withMeta({ type: "boolean" }, options),
  };
}

/** One of a fixed set of strings. */
export function oneOf<const V extends string>(values: readonly V[], options: FieldMeta = {}): Schema<V> {
  return {
    type: "enum",
    meta: options,
    parse(value, path, issues) {
      if (typeof value !== "string" || !(values as readonly string[]).includes(value)) {
        issues.push({ path, message: `${path} must be one of ${values.map((v) => `"${v}"`).join(", ")} (got ${describe(value)})` });
        return undefined;
      }
      return value as V;
    },
    json: () => withMeta({ enum: [...values] }, options),
    ...({ values } as object),
  };
}

/** Exactly this value. */
export function literal<const V extends string | number>(expected: V): Schema<V> {
  return {
    type: "literal",
    meta: {},
    parse(value, path, issues) {
      if (value !== expected) {
        issues.push({ path, message: `${path} must be ${JSON.stringify(expected)} (got ${describe(value)})` });
        return undefined;
      }
      return expected;
    },
    json: () => ({ const: expected }),
  };
}

/** `null` or the inner value. */
export function nullable<T>(inner: Schema<T>): Schema<T | null> {
  return {
    type: inner.type,
    meta: inner.meta,
    parse(value, path, issues) {
      if (value === null) return null;
      return inner.parse(value, path, issues);
    },
    json: () => ({ anyOf: [inner.json(), { type: "null" }], ...(inner.meta.title ? { title: inner.meta.title } : {}) }),
    ...({ inner } as object),
  };
}

export function array<T>(item: Schema<T>, options: FieldMeta & { minItems?: number; maxItems?: number } = {}): Schema<T[]> {
  const maxItems = options.maxItems ?? 10_000;
  return {
    type: "array",
    meta: options,
    parse(value, path, issues) {
      if (!Array.isArray(value)) {
        issues.push({ path, message: `${path} must be an array (got ${describe(value)})` });
        return undefined;
      }
      if (options.minItems !== undefined && value.length < options.minItems) {
        issues.push({ path, message: `${path} must have at least ${options.minItems} item${options.minItems === 1 ? "" : "s"}` });
        return undefined;
      }
      if (value.length > maxItems) {
        issues.push({ path, message: `${path} must have at most ${maxItems} items (got ${value.length})` });
        return undefined;
      }
      const out: T[] = [];
      let ok = true;
      value.forEach((v, i) => {
        const parsed = item.parse(v, `${path}[${i}]`, issues);
        if (parsed === undefined) ok = false;
        else out.push(parsed);
      });
      return ok ? out : undefined;
    },
    json() {
      const j: Record<string, unknown> = { type: "array", items: item.json(), maxItems };
      if (options.minItems !== undefined) j.minItems = options.minItems;
      return withMeta(j, options);
    },
  };
}

export type Fields = Record<string, Schema<unknown>>;

type RequiredKeys<F extends Fields, O extends keyof F> = Exclude<keyof F, O>;
export type ObjectOf<F extends Fields, O extends keyof F> = { [K in RequiredKeys<F, O>]: Infer<F[K]> } & { [K in O]?: Infer<F[K]> };

export interface ObjectSchema<F extends Fields, O extends keyof F> extends Schema<ObjectOf<F, O>> {
  readonly fields: F;
  readonly optional: readonly O[];
}

/**
 * An object with known fields. Unknown fields are refused (a typo must not pass silently). Optional
 * fields are listed in `optional`; an optional field with a `default` in its metadata is filled in.
 */
export function object<F extends Fields, O extends keyof F = never>(
  fields: F,
  options: FieldMeta & { optional?: readonly O[]; name?: string } = {},
): ObjectSchema<F, O> {
  const optional = (options.optional ?? []) as readonly O[];
  const optionalSet = new Set<string>(optional as readonly string[]);
  return {
    type: "object",
    meta: options,
    fields,
    optional,
    parse(value, path, issues) {
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        issues.push({ path, message: `${path || "the scenario"} must be an object (got ${describe(value)})` });
        return undefined;
      }
      const record = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      let ok = true;
      for (const key of Object.keys(record)) {
        if (!Object.hasOwn(fields, key) || FORBIDDEN_KEYS.has(key)) {
          const known = Object.keys(fields).join(", ");
          issues.push({ path: joinPath(path, key), message: `${joinPath(path, key)} is not a known field${options.name ? ` of ${options.name}` : ""} (known: ${known})` });
          ok = false;
        }
      }
      for (const [key, schema] of Object.entries(fields)) {
        const fieldPath = joinPath(path, key);
        if (!Object.hasOwn(record, key) || record[key] === undefined) {
          if (optionalSet.has(key)) {
            if (schema.meta.default !== undefined) out[key] = JSON.parse(JSON.stringify(schema.meta.default));
            continue;
          }
          issues.push({ path: fieldPath, message: `${fieldPath} is required` });
          ok = false;
          continue;
        }
        const parsed = schema.parse(record[key], fieldPath, issues);
        if (parsed === undefined) ok = false;
        else out[key] = parsed;
      }
      return ok ? (out as ObjectOf<F, O>) : undefined;
    },
    json() {
      const properties: Record<string, unknown> = {};
      for (const [key, schema] of Object.entries(fields)) properties[key] = schema.json();
      return withMeta(
        { type: "object", properties, required: Object.keys(fields).filter((k) => !optionalSet.has(k)), additionalProperties: false },
        options,
      );
    },
  };
}

/** A union told apart by the string field `tag` (e.g. "kind" or "dist"). */
export function tagged<T>(tag: string, variants: Record<string, Schema<unknown>>, options: FieldMeta & { label?: string } = {}): Schema<T> {
  const names = Object.keys(variants);
  return {
    type: "tagged",
    meta: options,
    parse(value, path, issues) {
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        issues.push({ path, message: `${path} must be an object (got ${describe(value)})` });
        return undefined;
      }
      const t = (value as Record<string, unknown>)[tag];
      const variant = typeof t === "string" && Object.hasOwn(variants, t) ? variants[t] : undefined;
      if (!variant) {
        issues.push({
          path: joinPath(path, tag),
          message: `${joinPath(path, tag)} must be one of ${names.map((n) => `"${n}"`).join(", ")} (got ${describe(t)})`,
        });
        return undefined;
      }
      return variant.parse(value, path, issues) as T | undefined;
    },
    json: () => withMeta({ oneOf: names.map((n) => variants[n].json()) }, options),
    ...({ tag, variants } as object),
  };
}

type Walkable = Schema<unknown> & {
  fields?: Record<string, Schema<unknown>>;
  inner?: Schema<unknown>;
  tag?: string;
  variants?: Record<string, Schema<unknown>>;
};

const isPlainRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Unwraps `nullable` and picks a tagged union's variant by the tag `value` carries (undefined when it names none). */
function unwrap(schema: Walkable, value: unknown): Walkable | undefined {
  let s: Walkable | undefined = schema;
  for (let i = 0; i < 4 && s; i++) {
    if (s.inner) s = s.inner as Walkable;
    else if (s.variants && s.tag) {
      const t: unknown = isPlainRecord(value) && Object.hasOwn(value, s.tag) ? value[s.tag] : undefined;
      s = typeof t === "string" && Object.hasOwn(s.variants, t) ? (s.variants[t] as Walkable) : undefined;
    } else break;
  }
  return s;
}

/**
 * The schema of the field that `fields` names inside a value of `schema`, walking own fields of
 * objects, through `nullable`, and into the variant of a tagged union that `value` (the current
 * document at that point) selects, e.g. `["serviceMs", "meanMs"]` of a server. Undefined when the
 * path names no real field, or any segment is a {@link FORBIDDEN_KEYS} name. This is what makes a
 * parameter path schema-driven: a path that does not resolve here can never be applied.
 */
export function schemaAtPath(schema: Schema<unknown>, fields: readonly string[], value: unknown): Schema<unknown> | undefined {
  let s: Walkable | undefined = schema as Walkable;
  let v = value;
  for (const field of fields) {
    if (FORBIDDEN_KEYS.has(field)) return undefined;
    s = unwrap(s, v);
    if (!s?.fields || !Object.hasOwn(s.fields, field)) return undefined;
    s = s.fields[field] as Walkable;
    v = isPlainRecord(v) && Object.hasOwn(v, field) ? v[field] : undefined;
  }
  return s ? (unwrap(s, v) ?? s) : undefined;
}
