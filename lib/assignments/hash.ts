/**
 * Small, synchronous fingerprints that are identical in Node and every browser (crypto.subtle is
 * asynchronous and missing on plain-http pages, which classrooms still have): a canonical JSON form
 * (object keys sorted) and a 64-bit FNV-1a hash of a string as 16 hex digits. These identify a
 * scenario or a link; they are not a defence against someone who wants a collision.
 */

/** JSON with object keys sorted at every level, so equal values give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) Object.defineProperty(out, key, { value: sortKeys(v), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;

/** 64-bit FNV-1a over the UTF-16 code units of `text`, as 16 lower-case hex digits. */
export function fnv1a64(text: string): string {
  let hash = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    hash ^= BigInt(unit & 0xff);
    hash = (hash * FNV_PRIME) & MASK;
    hash ^= BigInt(unit >> 8);
    hash = (hash * FNV_PRIME) & MASK;
  }
  return hash.toString(16).padStart(16, "0");
}

/** The fingerprint of a scenario (canonical JSON), as assignments pin it. */
export function scenarioHash(scenario: unknown): string {
  return fnv1a64(canonicalJson(scenario));
}
