/**
 * The offline lab (issue 18, "Download this lab"): one HTML file that holds the lab's code, its
 * styles and one lab state, and runs from disk with no network. `npm run build` (and `npm run dev`)
 * writes the template, `public/offline/lab.html`, with scripts/build-offline-lab.ts; the lab's
 * "Download" action fetches it and fills in the state with {@link fillOfflineTemplate}.
 */

/** Where the template is served from. */
export const OFFLINE_TEMPLATE_PATH = "/offline/lab.html";

/** The element that carries the lab link (a JSON string) in the file. */
export const OFFLINE_LINK_ID = "faultline-offline-link";

/** The placeholder the template carries where the state goes. */
export const OFFLINE_LINK_PLACEHOLDER = "null";

/** An http(s) origin: the only kind of site a file links back to (never javascript: or data:). */
const SITE_ORIGIN = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/;

/** A JSON value that is safe inside a `<script type="application/json">` element (no `</script>`, no `<!--`). */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

/** Text safe inside an HTML element or attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/**
 * The downloadable file: the template with the lab link (the fragment of a share link, without '#')
 * and the page title filled in. Throws when the template lacks its slots (a stale or foreign file).
 */
export function fillOfflineTemplate(template: string, input: OfflinePayload): string {
  const slot = `<script id="${OFFLINE_LINK_ID}" type="application/json">${OFFLINE_LINK_PLACEHOLDER}</script>`;
  if (!template.includes(slot) || !template.includes("<title>Faultline lab</title>")) throw new Error("The offline template has no slot for the lab; rebuild it with `npm run build`.");
  const payload = scriptSafeJson({ link: input.link, title: input.title, savedAt: input.savedAt, origin: input.origin });
  // Links in the lab (the fidelity note) lead to the site it was saved from.
  const base = SITE_ORIGIN.test(input.origin) ? `<base href="${escapeHtml(input.origin)}/">` : "";
  return template
    .replace("<title>Faultline lab</title>", () => `${base}<title>${escapeHtml(input.title)} · Faultline (offline)</title>`)
    .replace(slot, () => `<script id="${OFFLINE_LINK_ID}" type="application/json">${payload}</script>`);
}

/** What a saved file carries. */
export interface OfflinePayload {
  /** The lab link: a share link's fragment, without '#'. */
  link: string;
  title: string;
  /** ISO date and time of the download. */
  savedAt: string;
  /** The site it was saved from (`https://…`), or "" (links back to the course). */
  origin: string;
}

/** What a saved file carries, read back strictly (null when absent or malformed). */
export function readOfflinePayload(text: string | null | undefined): OfflinePayload | null {
  if (!text) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const record = value as Record<string, unknown>;
  const { link, title, savedAt, origin } = record;
  if (typeof link !== "string" || typeof title !== "string" || typeof savedAt !== "string") return null;
  // Only an http(s) origin becomes a link back (never javascript: or data:).
  const site = typeof origin === "string" && SITE_ORIGIN.test(origin) ? origin : "";
  return { link, title: title.slice(0, 200), savedAt: savedAt.slice(0, 40), origin: site };
}

/** A file name for the download: the lab's title in lowercase words. */
export function offlineFileName(title: string): string {
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60);
  return `faultline-${slug || "lab"}.html`;
}
