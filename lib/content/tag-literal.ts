/**
 * Reads the attribute values chapters give their components (`expose={["a.b"]}`,
 * `goals={[{ metric: "latencyMs.p99", atMost: 300 }]}`): JavaScript literals made of strings,
 * numbers, booleans, null, arrays and objects with bare or quoted keys. A small parser instead of
 * `eval`, so reading content never runs it.
 */

/** A parsed literal value. */
export type Literal = string | number | boolean | null | Literal[] | { [key: string]: Literal };

/** Parses one literal; throws an Error naming the position on anything else. */
export function parseLiteral(text: string): Literal {
  let i = 0;
  const fail = (what: string): never => {
    throw new Error(`${what} at character ${i + 1} of ${JSON.stringify(text.length > 60 ? text.slice(0, 60) + "…" : text)}`);
  };
  const space = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const value = (): Literal => {
    space();
    const c = text[i];
    if (c === '"' || c === "'") return str();
    if (c === "[") {
      i++;
      const out: Literal[] = [];
      space();
      while (text[i] !== "]") {
        out.push(value());
        space();
        if (text[i] === ",") i++;
        else if (text[i] !== "]") fail("expected , or ]");
        space();
      }
      i++;
      return out;
    }
    if (c === "{") {
      i++;
      const out: { [key: string]: Literal } = Object.create(null);
      space();
      while (text[i] !== "}") {
        const key = text[i] === '"' || text[i] === "'" ? str() : ident();
        if (key === "__proto__" || key === "constructor" || key === "prototype") fail(`refused key ${key}`);
        space();
        if (text[i] !== ":") fail("expected :");
        i++;
        out[key] = value();
        space();
        if (text[i] === ",") i++;
        else if (text[i] !== "}") fail("expected , or }");
        space();
      }
      i++;
      return { ...out };
    }
    const m = /^-?(?:\d[\d_]*\.?[\d_]*|\.\d+)(?:e[+-]?\d+)?/i.exec(text.slice(i));
    if (m) {
      i += m[0].length;
      return Number(m[0].replace(/_/g, ""));
    }
    const word = ident();
    if (word === "true") return true;
    if (word === "false") return false;
    if (word === "null") return null;
    return fail(`unexpected ${JSON.stringify(word || c || "end")}`);
  };
  const ident = (): string => {
    const m = /^[A-Za-z_$][\w$]*/.exec(text.slice(i));
    if (!m) return fail("expected a name");
    i += m[0].length;
    return m[0];
  };
  const str = (): string => {
    const quote = text[i++];
    let out = "";
    while (i < text.length && text[i] !== quote) {
      if (text[i] === "\\") {
        const next = text[i + 1];
        out += next === "n" ? "\n" : next === "t" ? "\t" : next;
        i += 2;
      } else out += text[i++];
    }
    if (text[i] !== quote) fail("unterminated string");
    i++;
    return out;
  };
  const result = value();
  space();
  if (i < text.length) fail("trailing text");
  return result;
}
