/**
 * The share-link codec: a lab state <-> a URL fragment.
 *
 * Format: `<version>.<base64url(deflate(JSON))>`, e.g. `1.eJyrVkrLz1ey...`. The fragment never
 * reaches a server. Decoding refuses anything over {@link MAX_ENCODED_CHARS} before decompressing
 * and stops inflating past {@link MAX_JSON_BYTES} (a zip bomb cannot exhaust memory), checks the
 * version, parses JSON, and returns a clear message naming the problem instead of throwing. The
 * scenario inside is validated separately by the scenario validator. fflate is used for deflate: it
 * is small (8 KB), synchronous, and identical in Node and browsers.
 */
import { Inflate, deflateSync, strToU8, strFromU8 } from "fflate";

export const SHARE_VERSION = 1;
/** Longest fragment accepted (characters), checked before any decompression. */
export const MAX_ENCODED_CHARS = 32_000;
/** Largest decompressed JSON accepted (bytes). */
export const MAX_JSON_BYTES = 512_000;

/** What a link carries. Only `scenario` is required; the rest restore the learner's view. */
export interface SharedState {
  scenario: unknown;
  /** Simulated time the learner was looking at, ms. */
  timeMs?: number;
  /** Seed override. */
  seed?: number;
  /** View options (open panels, chart choices...). */
  view?: Record<string, unknown>;
  /** Where the state came from (a preset id), so "reset" can offer the original. */
  preset?: string;
}

export type DecodeResult = { ok: true; state: SharedState; version: number } | { ok: false; error: string };

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  const padded = text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4);
  try {
    const binary = atob(padded);
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

/** Encodes a state as a URL-safe fragment (without the leading '#'). */
export function encodeShareFragment(state: SharedState): string {
  const json = JSON.stringify(state);
  return `${SHARE_VERSION}.${toBase64Url(deflateSync(strToU8(json), { level: 9 }))}`;
}

function inflateLimited(bytes: Uint8Array): Uint8Array | "too-big" | null {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let tooBig = false;
  let ended = false;
  const inflater = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total > MAX_JSON_BYTES) {
      tooBig = true;
      throw new Error("too big");
    }
    chunks.push(chunk);
    if (final) ended = true;
  });
  try {
    // Feed in small pieces so the size check runs before a bomb expands far.
    for (let i = 0; i < bytes.length; i += 1024) inflater.push(bytes.subarray(i, i + 1024), i + 1024 >= bytes.length);
  } catch {
    return tooBig ? "too-big" : null;
  }
  if (!ended) return null;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

/** The raw payload of a link: its format version and the parsed JSON, before any migration. */
export type PayloadResult =
  | { ok: true; version: number; data: unknown }
  | { ok: false; code: "empty" | "too-long" | "not-a-link" | "newer-version" | "unknown-version" | "damaged" | "too-big" | "not-json"; error: string };

/**
 * Decodes any known link format (1..`newestVersion`) down to its JSON, with the size limits above;
 * never throws. Link-format migrations live in `lab-link.ts`.
 */
export function decodeSharePayload(fragment: string, newestVersion: number = SHARE_VERSION): PayloadResult {
  const text = fragment.startsWith("#") ? fragment.slice(1) : fragment;
  if (text.length === 0) return { ok: false, code: "empty", error: "The link has no lab state in it (nothing after '#')." };
  if (text.length > MAX_ENCODED_CHARS) return { ok: false, code: "too-long", error: `The link is too long (${text.length} characters; the limit is ${MAX_ENCODED_CHARS}). Share large labs as a JSON file instead.` };
  const dot = text.indexOf(".");
  if (dot < 1) return { ok: false, code: "not-a-link", error: "The link is not a Faultline lab link (no version prefix)." };
  const versionText = text.slice(0, dot);
  if (!/^\d{1,6}$/.test(versionText)) return { ok: false, code: "not-a-link", error: "The link is not a Faultline lab link (bad version prefix)." };
  const version = Number(versionText);
  if (version > newestVersion) return { ok: false, code: "newer-version", error: `The link was made by a newer Faultline (link format ${version}; this site reads up to ${newestVersion}).` };
  if (version < 1) return { ok: false, code: "unknown-version", error: `The link format ${version} is not known.` };
  const bytes = fromBase64Url(text.slice(dot + 1));
  if (!bytes) return { ok: false, code: "damaged", error: "The link is damaged: it contains characters a lab link never has (was it cut or edited?)." };
  const inflated = inflateLimited(bytes);
  if (inflated === "too-big") return { ok: false, code: "too-big", error: `The link expands to more than ${MAX_JSON_BYTES / 1000} kB, which no lab needs; it was refused.` };
  if (!inflated) return { ok: false, code: "damaged", error: "The link is damaged: its data could not be decompressed (it may have been cut short)." };
  try {
    return { ok: true, version, data: JSON.parse(strFromU8(inflated)) };
  } catch {
    return { ok: false, code: "not-json", error: "The link is damaged: its data is not valid JSON." };
  }
}

/** Encodes any JSON value as a link of format `version` (without the leading '#'). */
export function encodeSharePayload(version: number, data: unknown): string {
  return `${version}.${toBase64Url(deflateSync(strToU8(JSON.stringify(data)), { level: 9 }))}`;
}

/**
 * Decodes a format-1 fragment (with or without '#'); never throws. Kept forever for old callers;
 * new code uses `decodeLabLink` (lab-link.ts), which reads every format and migrates.
 */
export function decodeShareFragment(fragment: string): DecodeResult {
  const payload = decodeSharePayload(fragment, SHARE_VERSION);
  if (!payload.ok) return { ok: false, error: payload.error };
  const { version, data } = payload;
  if (typeof data !== "object" || data === null || Array.isArray(data) || !("scenario" in data)) {
    return { ok: false, error: "The link's data has no scenario in it." };
  }
  const d = data as Record<string, unknown>;
  const state: SharedState = { scenario: d.scenario };
  if (typeof d.timeMs === "number" && Number.isFinite(d.timeMs) && d.timeMs >= 0) state.timeMs = d.timeMs;
  if (typeof d.seed === "number" && Number.isInteger(d.seed)) state.seed = d.seed;
  if (typeof d.view === "object" && d.view !== null && !Array.isArray(d.view)) state.view = d.view as Record<string, unknown>;
  if (typeof d.preset === "string" && /^[a-z0-9/-]{1,120}$/.test(d.preset)) state.preset = d.preset;
  return { ok: true, state, version };
}
