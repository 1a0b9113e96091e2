/**
 * Builds the full-text search index over every live chapter at build time (server-only:
 * compiles the chapters through lib/content). The serialised MiniSearch index is served as a
 * static file and loaded by the browser on the first search.
 */
import MiniSearch from "minisearch";
import { content, type ContentRepository } from "../content";
import { makeExcerpt, searchIndexOptions, type SearchDocument } from "./search-options";

/**
 * One document per live chapter (title, summary, introduction) and per pattern section, plus one
 * short "planned" row per unwritten pattern and planned chapter (the roadmap), so a search for
 * something not yet written says where it will be rather than returning loose matches.
 */
export async function collectSearchDocuments(repository: ContentRepository = content): Promise<SearchDocument[]> {
  const documents: SearchDocument[] = [];
  for (const chapter of repository.getLiveChapters()) {
    const { outline, frontmatter } = await repository.compileChapter(chapter.id);
    const href = `/learn/${chapter.id}`;
    documents.push({
      id: chapter.id,
      kind: "chapter",
      title: frontmatter.title,
      chapterTitle: frontmatter.title,
      part: chapter.part,
      href,
      text: `${frontmatter.summary} ${outline.introText}`,
      excerpt: makeExcerpt(frontmatter.summary),
    });
    for (const pattern of outline.patterns) {
      documents.push({
        id: `${chapter.id}#${pattern.id}`,
        kind: "pattern",
        title: pattern.title,
        chapterTitle: frontmatter.title,
        part: chapter.part,
        href: `${href}#${pattern.id}`,
        text: pattern.text,
        excerpt: makeExcerpt(pattern.text),
      });
    }
  }
  const course = repository.getCourse();
  const partSlug = (title: string) => course.parts.find((part) => part.title === title)?.slug ?? "";
  for (const chapter of course.chapters) {
    if (chapter.status === "live") continue;
    documents.push({
      id: `planned:${chapter.id}`,
      kind: "planned",
      title: chapter.title,
      chapterTitle: chapter.part,
      part: chapter.part,
      href: `/learn#${partSlug(chapter.part)}`,
      text: "",
      excerpt: `A chapter planned in ${chapter.part}.`,
    });
  }
  const chapterOf = new Map(course.chapters.map((chapter) => [chapter.id, chapter]));
  for (const entry of repository.getPatternIndex()) {
    if (entry.written) continue;
    const chapter = chapterOf.get(entry.chapter);
    documents.push({
      id: `planned:${entry.chapter}#${entry.id}`,
      kind: "planned",
      title: entry.name,
      chapterTitle: entry.chapterTitle,
      part: chapter?.part ?? "",
      href: chapter ? `/learn#${partSlug(chapter.part)}` : "/learn",
      text: "",
      excerpt: `Planned in ${entry.chapterTitle}${chapter ? ` (${chapter.part})` : ""}; not written yet.`,
    });
  }
  return documents;
}

/** The serialisable MiniSearch index (pass to `MiniSearch.loadJSON` with the same options). */
export async function buildSearchIndex(repository: ContentRepository = content): Promise<MiniSearch<SearchDocument>> {
  const index = new MiniSearch<SearchDocument>(searchIndexOptions);
  index.addAll(await collectSearchDocuments(repository));
  return index;
}
