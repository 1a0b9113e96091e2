/**
 * Course lists: the items an instructor picked on /teach, each with its embed options, saved as a
 * JSON file they keep (there is no server) and opened again later. Reading is strict: anything
 * that is not exactly this format is refused with messages naming the field, and nothing is
 * guessed. Items the course no longer has are kept (and reported), so re-saving loses nothing.
 *
 * ```json
 * { "format": "faultline-course-list", "version": 1, "title": "Week 3: failure",
 *   "items": [{ "id": "challenge:breaker-tuning", "embed": "?readonly=1&lock=api.workers" }] }
 * ```
 */
import { DEFAULT_EMBED_OPTIONS, embedQuery, parseEmbedQuery, type EmbedOptions } from "@/lib/share/embed-options";

export const COURSE_LIST_FORMAT = "faultline-course-list";
export const COURSE_LIST_VERSION = 1;
/** Largest file read, in characters. */
export const MAX_COURSE_LIST_CHARS = 1_000_000;
export const MAX_COURSE_LIST_ITEMS = 500;
export const MAX_TITLE_CHARS = 200;
const MAX_EMBED_CHARS = 4000;
/** The shape of a gallery item id (lib/teach/gallery.ts). */
export const ITEM_ID_PATTERN = /^(lab|challenge|prediction):[A-Za-z0-9][A-Za-z0-9:/._-]{0,239}$/;

export interface CourseListEntry {
  /** A gallery item id. */
  id: string;
  options: EmbedOptions;
}

export interface CourseList {
  title: string;
  items: CourseListEntry[];
}

export type CourseListRead =
  | { ok: true; list: CourseList; /** Ids the current course does not have (kept in the list). */ missing: string[] }
  | { ok: false; problems: string[] };

const MAX_PROBLEMS = 12;

const describe = (value: unknown) => (value === null ? "null" : Array.isArray(value) ? "a list" : typeof value === "string" ? `"${value.slice(0, 40)}"` : typeof value);

/** The file's text for a list. Stable (no dates), so saving twice gives the same file. */
export function courseListText(list: CourseList): string {
  return `${JSON.stringify(
    {
      format: COURSE_LIST_FORMAT,
      version: COURSE_LIST_VERSION,
      title: list.title,
      items: list.items.map((item) => {
        const embed = embedQuery(item.options);
        return embed ? { id: item.id, embed } : { id: item.id };
      }),
    },
    null,
    2,
  )}\n`;
}

/** A file name for the list: its title in kebab case. */
export function courseListFileName(list: CourseList): string {
  const slug = list.title
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return `${slug || "course-list"}.faultline-course.json`;
}

/**
 * Reads a course list file. `known` holds the gallery's item ids: ids outside it are kept and
 * reported as missing. Never throws.
 */
export function readCourseList(text: string, known?: ReadonlySet<string>): CourseListRead {
  if (typeof text !== "string") return { ok: false, problems: ["The file could not be read as text."] };
  if (text.length > MAX_COURSE_LIST_CHARS) return { ok: false, problems: [`The file has ${text.length.toLocaleString("en")} characters; a course list has at most ${MAX_COURSE_LIST_CHARS.toLocaleString("en")}.`] };
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    return { ok: false, problems: [`The file is not JSON (${(error as Error).message}).`] };
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) return { ok: false, problems: [`The file holds ${describe(data)}, not a course list object.`] };
  const doc = data as Record<string, unknown>;
  if (doc.format === "faultline-lab") return { ok: false, problems: ["This is a lab file, not a course list: open it in the playground (Import)."] };
  if (doc.format !== COURSE_LIST_FORMAT) return { ok: false, problems: [`This is not a Faultline course list: "format" is ${describe(doc.format)}, expected "${COURSE_LIST_FORMAT}".`] };
  if (typeof doc.version === "number" && Number.isInteger(doc.version) && doc.version > COURSE_LIST_VERSION)
    return { ok: false, problems: [`The list was saved by a newer Faultline (version ${doc.version}); this one reads version ${COURSE_LIST_VERSION}.`] };

  const problems: string[] = [];
  if (doc.version !== COURSE_LIST_VERSION) problems.push(`version: must be ${COURSE_LIST_VERSION} (got ${describe(doc.version)}).`);
  for (const key of Object.keys(doc)) if (!["format", "version", "title", "items"].includes(key)) problems.push(`"${key.slice(0, 40)}": not a field of a course list.`);
  let title = "Course list";
  if (doc.title !== undefined) {
    if (typeof doc.title !== "string") problems.push(`title: must be text (got ${describe(doc.title)}).`);
    else if (doc.title.length > MAX_TITLE_CHARS) problems.push(`title: ${doc.title.length} characters; at most ${MAX_TITLE_CHARS}.`);
    else if (doc.title.trim()) title = doc.title.trim();
  }
  const items: CourseListEntry[] = [];
  if (!Array.isArray(doc.items)) problems.push(`items: must be a list (got ${describe(doc.items)}).`);
  else if (doc.items.length > MAX_COURSE_LIST_ITEMS) problems.push(`items: ${doc.items.length} items; a course list has at most ${MAX_COURSE_LIST_ITEMS}.`);
  else {
    const seen = new Set<string>();
    doc.items.forEach((raw, i) => {
      const where = `items[${i}]`;
      if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
        problems.push(`${where}: must be an object with an "id" (got ${describe(raw)}).`);
        return;
      }
      const item = raw as Record<string, unknown>;
      for (const key of Object.keys(item)) if (key !== "id" && key !== "embed") problems.push(`${where}."${key.slice(0, 40)}": not a field of an item (id, embed).`);
      if (typeof item.id !== "string" || !ITEM_ID_PATTERN.test(item.id)) {
        problems.push(`${where}.id: ${describe(item.id)} is not a gallery item id (lab:…, challenge:… or prediction:…).`);
        return;
      }
      if (seen.has(item.id)) problems.push(`${where}.id: "${item.id}" is listed twice.`);
      seen.add(item.id);
      let options: EmbedOptions = { ...DEFAULT_EMBED_OPTIONS, locked: [], hide: [] };
      if (item.embed !== undefined) {
        if (typeof item.embed !== "string" || item.embed.length > MAX_EMBED_CHARS || !(item.embed === "" || item.embed.startsWith("?"))) {
          problems.push(`${where}.embed: must be an embed query string starting with "?" (got ${describe(item.embed)}).`);
          return;
        }
        const parsed = parseEmbedQuery(item.embed);
        for (const note of parsed.notes) problems.push(`${where}.embed: ${note.replace(/; ignored\.$/, ".")}`);
        options = parsed.options;
      }
      items.push({ id: item.id, options });
    });
  }
  if (problems.length) {
    const shown = problems.slice(0, MAX_PROBLEMS);
    if (problems.length > MAX_PROBLEMS) shown.push(`…and ${problems.length - MAX_PROBLEMS} more.`);
    return { ok: false, problems: shown };
  }
  return { ok: true, list: { title, items }, missing: known ? items.filter((i) => !known.has(i.id)).map((i) => i.id) : [] };
}
