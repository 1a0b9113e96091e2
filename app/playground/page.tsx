import type { Metadata } from "next";
import { listPresetIds, loadPreset } from "@/lib/lab/presets";
import { buildLabLocations } from "@/lib/content/lab-locations";
import { groupChapter } from "@/lib/share/share-destination";
import { content } from "@/lib/content";
import { Playground } from "@/components/playground/playground";
import { BackToCourse } from "@/components/playground/back-to-course";

export const metadata: Metadata = { title: "Playground", description: "Build a system from sources, balancers, servers, caches and queues, and watch it run while you build it." };

/** Example systems by chapter, in course order, each with its human title. */
async function templateGroups(): Promise<{ chapter: string; presets: { id: string; title: string }[] }[]> {
  const locations = await buildLabLocations();
  const order = content.getLiveChapters().map((c) => c.frontmatter.title);
  const groups = new Map<string, { id: string; title: string }[]>();
  for (const id of listPresetIds()) {
    let title = id;
    try {
      title = loadPreset(id)?.title ?? id;
    } catch {
      continue; // a preset that does not validate is no template
    }
    const chapter = locations.labs[id]?.chapterTitle ?? groupChapter(id, locations)?.chapterTitle ?? "More examples";
    groups.set(chapter, [...(groups.get(chapter) ?? []), { id, title }]);
  }
  const rank = (chapter: string) => (order.includes(chapter) ? order.indexOf(chapter) : order.length);
  return [...groups.entries()].sort((a, b) => rank(a[0]) - rank(b[0])).map(([chapter, presets]) => ({ chapter, presets: presets.sort((a, b) => a.title.localeCompare(b.title)) }));
}

export default async function PlaygroundPage({ searchParams }: { searchParams: Promise<{ scenario?: string | string[] }> }) {
  const requested = (await searchParams).scenario;
  const id = typeof requested === "string" && requested ? requested : null;
  let problem: string | null = null;
  let scenario = null;
  if (id) {
    try {
      scenario = loadPreset(id);
      if (!scenario) problem = `There is no example "${id}".`;
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
    }
  }
  const [groups, locations] = await Promise.all([templateGroups(), buildLabLocations()]);
  return (
    <main id="main" tabIndex={-1} className="flex min-h-[calc(100dvh-var(--fl-header-h,0px))] flex-col bg-bg text-fg outline-none">
      <form className="flex flex-wrap items-center gap-x-3 gap-y-2 border-b border-line bg-surface px-3 py-2 text-sm" action="/playground">
        <h1 className="font-serif text-lg font-semibold">Playground</h1>
        <BackToCourse locations={locations} presetId={id} />
        <label className="ml-auto flex min-w-0 items-center gap-1.5">
          Start from
          <select name="scenario" defaultValue={id ?? ""} className="h-8 min-w-0 max-w-[60vw] rounded-md border border-line bg-surface px-1.5" data-testid="template-picker">
            <option value="">An empty canvas</option>
            {groups.map((g) => (
              <optgroup key={g.chapter} label={g.chapter}>
                {g.presets.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.title}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
        <button type="submit" className="h-8 rounded-md border border-line px-2.5">
          Open
        </button>
      </form>
      <div className="flex-1 p-2">
        {problem ? (
          <p role="alert" className="whitespace-pre-wrap p-6">
            {problem}
          </p>
        ) : (
          <Playground initial={scenario} presetId={scenario ? id : null} />
        )}
      </div>
    </main>
  );
}
