/**
 * Builds the full-text search index over every live chapter at build time (server-only:
 * compiles the chapters through lib/content). The serialised MiniSearch index is served as a
 * static file and loaded by the browser on the first search.
 */
import MiniSearch from "minisearch";
import { content, type ContentRepository } from "../content";
import { makeExcerpt, searchIndexOptions, type SearchDocument } from "./search-options";

/** One document per live chapter (title, summary, introduction) and per pattern section. */
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
  return documents;
}

/** The serialisable MiniSearch index (pass to `MiniSearch.loadJSON` with the same options). */
export async function buildSearchIndex(repository: ContentRepository = content): Promise<MiniSearch<SearchDocument>> {
  const index = new MiniSearch<SearchDocument>(searchIndexOptions);
  index.addAll(await collectSearchDocuments(repository));
  return index;
}
