/**
 * oEmbed (https://oembed.com, version 1.0) for lab links and chapter pages: course platforms and
 * blogs that support it embed a lab when an instructor pastes its link. The `url` parameter is
 * untrusted: only same-origin paths this site serves are accepted (`/s`, `/embed`, `/playground`
 * with a lab in the fragment, `/learn/<live chapter>`), everything else is refused with a message.
 * Pure: the route handler (app/oembed/route.ts) supplies the chapter's labs.
 */
import { embedQuery, parseEmbedQuery } from "@/lib/share/embed-options";
import { iframeSnippet } from "@/lib/share/embed-options";
import { EMBED_START_HEIGHT_PX } from "@/lib/share/embed-snippet";

/** Longest `url` accepted (a link's fragment is at most 32,000 characters). */
export const MAX_OEMBED_URL_CHARS = 33_000;
export const OEMBED_WIDTH_PX = 900;

/** What a valid `url` points at. */
export type OembedTarget =
  | { kind: "link"; fragment: string; embedQuery: string }
  | { kind: "chapter"; chapterId: string; anchor: string };

export type OembedTargetResult = { ok: true; target: OembedTarget } | { ok: false; error: string };

const CHAPTER_PATH = /^\/learn\/([a-z0-9]+(?:-[a-z0-9]+)*)$/;
const LINK_FRAGMENT = /^\d+\.[A-Za-z0-9_-]+$/;

/**
 * Reads the `url` parameter against the site's origin. `liveChapters` holds the ids of chapter
 * pages that exist. Never throws.
 */
export function resolveOembedUrl(raw: string | null, origin: string, liveChapters: ReadonlySet<string>): OembedTargetResult {
  if (!raw) return { ok: false, error: "The url parameter is missing." };
  if (raw.length > MAX_OEMBED_URL_CHARS) return { ok: false, error: `The url has ${raw.length} characters; at most ${MAX_OEMBED_URL_CHARS} are accepted.` };
  if (!/^(https?:\/\/|\/(?!\/))/i.test(raw)) return { ok: false, error: "The url must be a link on this site (http(s)://… or a path starting with /)." };
  let url: URL;
  try {
    url = new URL(raw, origin);
  } catch {
    return { ok: false, error: "The url is not a valid address." };
  }
  if (url.origin !== origin) return { ok: false, error: `Only links on ${origin} can be embedded.` };
  if (url.username || url.password) return { ok: false, error: "The url must not carry a user name or password." };
  const fragment = url.hash.replace(/^#/, "");
  const chapter = CHAPTER_PATH.exec(url.pathname);
  if (chapter) {
    if (!liveChapters.has(chapter[1]!)) return { ok: false, error: `There is no chapter "${chapter[1]}".` };
    if (LINK_FRAGMENT.test(fragment)) return { ok: true, target: { kind: "link", fragment, embedQuery: "" } };
    return { ok: true, target: { kind: "chapter", chapterId: chapter[1]!, anchor: /^[a-z0-9-]{1,120}$/.test(fragment) ? fragment : "" } };
  }
  if (url.pathname === "/s" || url.pathname === "/embed" || url.pathname === "/playground") {
    if (!LINK_FRAGMENT.test(fragment)) return { ok: false, error: "This link carries no lab (its #… part is missing or not a lab link)." };
    // Embed options are re-written from their parsed form, never copied as given.
    const query = url.pathname === "/embed" ? embedQuery(parseEmbedQuery(url.search).options) : "";
    return { ok: true, target: { kind: "link", fragment, embedQuery: query } };
  }
  return { ok: false, error: "Only lab links (/s, /embed, /playground with a lab) and chapter pages (/learn/<chapter>) can be embedded." };
}

/** Reads maxwidth/maxheight: positive whole numbers, or undefined. */
export function maxDimension(raw: string | null): number | undefined {
  if (raw === null || !/^\d{1,5}$/.test(raw)) return undefined;
  const n = Number(raw);
  return n > 0 ? n : undefined;
}

/** The oEmbed "rich" response for an embed URL. */
export function oembedResponse(origin: string, embedSrc: string, title: string, limits: { maxWidth?: number; maxHeight?: number } = {}) {
  const width = Math.min(OEMBED_WIDTH_PX, limits.maxWidth ?? Infinity);
  const height = Math.min(EMBED_START_HEIGHT_PX, limits.maxHeight ?? Infinity);
  return {
    version: "1.0",
    type: "rich",
    provider_name: "Faultline",
    provider_url: `${origin}/`,
    title,
    width,
    height,
    html: iframeSnippet(embedSrc, `Faultline lab: ${title}`, height),
    cache_age: 86400,
  };
}

/** The discovery link's href for a page (a path, or a whole URL with its fragment). */
export function oembedDiscoveryHref(pageUrl: string): string {
  return `/oembed?url=${encodeURIComponent(pageUrl)}&format=json`;
}
