/**
 * Where a share link opens. A link carries a lab state whose `scenarioId` names the preset it came
 * from; the site knows, from its chapters, which chapter (and which section) shows that preset as a
 * lab. A link to a chapter lab opens in that chapter, scrolled to the lab with the state applied; a
 * preset that no chapter shows as a lab opens on a focused page beside the text of the chapter its
 * group belongs to; a playground design (or an unknown id) opens on the focused page alone.
 *
 * The map is built on the server at build time (lib/content/lab-locations.ts) and handed to the
 * page as plain data; this module only reads it, so it is safe in the browser.
 */

/** Where one preset is shown as a lab. */
export interface LabLocation {
  chapterId: string;
  chapterTitle: string;
  /** The `<Pattern>` section the lab sits in, when it sits in one. */
  sectionId?: string;
  sectionTitle?: string;
  /** The first words of that section (or of the chapter's summary). */
  excerpt: string;
}

/** The chapter a preset group (`"load-balancing"` of `"load-balancing/x"`) belongs to. */
export interface GroupChapter {
  chapterId: string;
  chapterTitle: string;
  summary: string;
}

/** Every lab location of the site, keyed by preset id, and the chapter of each preset group. */
export interface LabLocations {
  labs: Record<string, LabLocation>;
  groups: Record<string, GroupChapter>;
}

export type ShareDestination =
  /** Open `/learn/<chapterId>` with the link in its fragment: the chapter applies it to its lab. */
  | { kind: "chapter"; href: string; location: LabLocation }
  /** Show the lab on the share page, with the chapter it relates to when there is one. */
  | { kind: "focused"; chapter: GroupChapter | null };

/** The fragment a chapter page reads a shared state from: `#<format>.<code>`, like /s and /playground. */
export const SHARED_FRAGMENT = /^#?(\d{1,3}\.[A-Za-z0-9_-]+)$/;

const own = <T>(record: Record<string, T>, key: string): T | undefined => (Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined);

/** The chapter of a preset id's group, or null (playground designs, unknown groups). */
export function groupChapter(scenarioId: string, locations: LabLocations): GroupChapter | null {
  const slash = scenarioId.indexOf("/");
  if (slash <= 0) return null;
  return own(locations.groups, scenarioId.slice(0, slash)) ?? null;
}

/** Where a link whose state came from `scenarioId` opens; `code` is the fragment without '#'. */
export function shareDestination(scenarioId: string, code: string, locations: LabLocations): ShareDestination {
  const location = own(locations.labs, scenarioId);
  if (location) return { kind: "chapter", href: `/learn/${location.chapterId}#${code}`, location };
  return { kind: "focused", chapter: groupChapter(scenarioId, locations) };
}

/** The course page a lab with this preset belongs to: its chapter, its group's chapter, or /learn. */
export function courseHref(scenarioId: string, locations: LabLocations): string {
  const location = own(locations.labs, scenarioId);
  if (location) return `/learn/${location.chapterId}${location.sectionId ? `#${location.sectionId}` : ""}`;
  const chapter = groupChapter(scenarioId, locations);
  return chapter ? `/learn/${chapter.chapterId}` : "/learn";
}
