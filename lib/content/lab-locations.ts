/**
 * Which chapter shows each scenario preset as a `<Lab>` (and in which section), and which chapter
 * each preset group belongs to: the map share links use to open in their chapter
 * (lib/share/share-destination.ts). Built from the compiled chapters, so it follows the MDX.
 */
import type { GroupChapter, LabLocation, LabLocations } from "@/lib/share/share-destination";
import { makeExcerpt } from "@/lib/search/search-options";
import { content, type ContentRepository } from "./repository";

/** The lab locations of every live chapter; the first chapter in course order wins a preset. */
export async function buildLabLocations(repository: ContentRepository = content): Promise<LabLocations> {
  const labs: Record<string, LabLocation> = {};
  const groupVotes = new Map<string, Map<string, number>>();
  const chapters = new Map<string, GroupChapter>();
  for (const chapter of repository.getLiveChapters()) {
    const { outline, frontmatter } = await repository.compileChapter(chapter.id);
    chapters.set(chapter.id, { chapterId: chapter.id, chapterTitle: frontmatter.title, summary: frontmatter.summary });
    for (const ref of outline.scenarios) {
      if (ref.component !== "Lab") continue;
      const group = ref.scenario.split("/")[0];
      const votes = groupVotes.get(group) ?? new Map<string, number>();
      votes.set(chapter.id, (votes.get(chapter.id) ?? 0) + 1);
      groupVotes.set(group, votes);
      if (Object.prototype.hasOwnProperty.call(labs, ref.scenario)) continue;
      const section = ref.section ? outline.patterns.find((p) => p.id === ref.section!.id) : undefined;
      labs[ref.scenario] = {
        chapterId: chapter.id,
        chapterTitle: frontmatter.title,
        ...(ref.section ? { sectionId: ref.section.id, sectionTitle: ref.section.title } : {}),
        excerpt: makeExcerpt(section?.text ?? frontmatter.summary, 320),
      };
    }
  }
  const groups: Record<string, GroupChapter> = {};
  for (const [group, votes] of groupVotes) {
    // The chapter with the most labs of the group (ties: the earlier chapter).
    const [best] = [...votes.entries()].reduce((a, b) => (b[1] > a[1] ? b : a));
    groups[group] = chapters.get(best)!;
  }
  return { labs, groups };
}
