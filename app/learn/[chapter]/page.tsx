import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ChapterLayout } from "@/components/course/chapter-layout";
import { ChapterContent } from "@/components/mdx/chapter-content";
import { PatternHashRedirect } from "@/components/course/pattern-hash-redirect";
import { ChapterSharedState } from "@/components/share/chapter-shared-state";
import { OembedLink } from "@/components/teach/oembed-link";
import { content } from "@/lib/content";
import { patternHomesElsewhere } from "@/lib/content/pattern-redirect";

// Only chapters whose MDX exists are pages; anything else is a 404.
export const dynamicParams = false;

export function generateStaticParams() {
  return content.getLiveChapters().map((chapter) => ({ chapter: chapter.id }));
}

type Params = { params: Promise<{ chapter: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const chapter = content.getChapterMeta((await params).chapter);
  if (!chapter) return {};
  return { title: chapter.frontmatter.title, description: chapter.frontmatter.summary };
}

export default async function ChapterPage({ params }: Params) {
  const id = (await params).chapter;
  const chapter = content.getChapterMeta(id);
  if (!chapter) notFound();
  const compiled = await content.compileChapter(id);
  return (
    <ChapterLayout course={content.getCourse()} chapter={chapter} toc={compiled.outline.toc} neighbours={content.getNeighbours(id)}>
      <ChapterContent code={compiled.code} />
      <PatternHashRedirect chapterId={id} homes={patternHomesElsewhere(content.getPatternIndex(), id)} />
      <ChapterSharedState />
      <OembedLink path={`/learn/${id}`} title={chapter.frontmatter.title} />
    </ChapterLayout>
  );
}
