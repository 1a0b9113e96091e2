import type { Metadata } from "next";
import { PatternIndex } from "@/components/patterns/pattern-index";
import { content } from "@/lib/content";

export const metadata: Metadata = {
  title: "Patterns A–Z",
  description: "Every pattern, technique and concept the Faultline course covers, from A to Z.",
};

export default function PatternsPage() {
  const index = content.getPatternIndex();
  const chapterTitles = Object.fromEntries(content.getCourse().chapters.map((chapter) => [chapter.id, chapter.title]));
  const rows = index.map(({ id, name, chapter, written }) => ({ id, name, chapter, written }));
  return (
    <main id="main" tabIndex={-1} className="mx-auto max-w-5xl px-4 pb-8 pt-12 outline-none sm:px-6">
      <h1 className="font-serif text-4xl font-semibold tracking-tight sm:text-5xl">Patterns A–Z</h1>
      <p className="mt-3 max-w-2xl text-lg text-muted">
        Every pattern, technique and concept in the course. Those with a written section link straight to it; the rest show the chapter
        they are planned for.
      </p>
      <div className="mt-6">
        <PatternIndex rows={rows} chapterTitles={chapterTitles} />
      </div>
    </main>
  );
}
