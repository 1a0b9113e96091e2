"use client";
/**
 * The /teach gallery: filters (words, chapter, section, kind), the matching items, the selected
 * item's preview and embed options, and the course list. Item labs come as link fragments from
 * `/teach/links.json` (built at build time), fetched when the first item is selected, so the page
 * itself carries only the index.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { DEFAULT_EMBED_OPTIONS, type EmbedOptions } from "@/lib/share/embed-options";
import { courseListFileName, courseListText, readCourseList } from "@/lib/teach/course-list";
import { EMPTY_FILTER, filterGallery, GALLERY_KINDS, type GalleryFilter, type GalleryIndex, type GalleryKind } from "@/lib/teach/gallery";
import { download } from "@/components/share/use-lab-link";
import { CourseListPanel, type CourseListMessage } from "./course-list-panel";
import { ItemDetail } from "./item-detail";
import { KindBadge, kindLabels } from "./kind-badge";

/** Where the item labs are served (app/teach/links.json/route.ts). */
export const GALLERY_LINKS_PATH = "/teach/links.json";

const freshOptions = (): EmbedOptions => ({ ...DEFAULT_EMBED_OPTIONS, locked: [], hide: [] });

type Links = { status: "idle" | "loading" } | { status: "ready"; links: Record<string, string> } | { status: "failed"; message: string };

export function TeachGallery({ index }: { index: GalleryIndex }) {
  const [filter, setFilter] = useState<GalleryFilter>(EMPTY_FILTER);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [optionsById, setOptionsById] = useState<Record<string, EmbedOptions>>({});
  const [listTitle, setListTitle] = useState("My course list");
  const [listIds, setListIds] = useState<string[]>([]);
  const [message, setMessage] = useState<CourseListMessage | null>(null);
  const [links, setLinks] = useState<Links>({ status: "idle" });
  const headingRef = useRef<HTMLHeadingElement>(null);
  const focusDetail = useRef(false);

  const byId = useMemo(() => new Map(index.items.map((item) => [item.id, item])), [index.items]);
  const results = useMemo(() => filterGallery(index.items, filter), [index.items, filter]);
  const patterns = useMemo(() => {
    if (!filter.chapterId) return index.patterns;
    const inChapter = new Set(index.items.filter((i) => i.chapterId === filter.chapterId).map((i) => i.patternId));
    return index.patterns.filter((p) => inChapter.has(p.id));
  }, [index, filter.chapterId]);
  const selected = selectedId ? byId.get(selectedId) : undefined;

  const loadLinks = useCallback(async () => {
    setLinks({ status: "loading" });
    try {
      const response = await fetch(GALLERY_LINKS_PATH);
      if (!response.ok) throw new Error(`the server answered ${response.status}`);
      setLinks({ status: "ready", links: (await response.json()) as Record<string, string> });
    } catch (error) {
      setLinks({ status: "failed", message: `The labs could not be loaded (${(error as Error).message}). Reload the page to try again.` });
    }
  }, []);

  const select = (id: string) => {
    setSelectedId(id);
    focusDetail.current = true;
    if (links.status === "idle") void loadLinks();
  };
  useEffect(() => {
    if (!focusDetail.current || !headingRef.current) return;
    focusDetail.current = false;
    headingRef.current.focus({ preventScroll: true });
    headingRef.current.scrollIntoView({ block: "start", behavior: window.matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth" });
  }, [selectedId]);

  const toggleInList = (id: string) => setListIds((ids) => (ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id]));
  const moveInList = (id: string, delta: number) =>
    setListIds((ids) => {
      const from = ids.indexOf(id);
      const to = Math.max(0, Math.min(ids.length - 1, from + delta));
      const out = [...ids];
      out.splice(to, 0, ...out.splice(from, 1));
      return out;
    });

  const save = () => {
    const list = { title: listTitle.trim() || "Course list", items: listIds.map((id) => ({ id, options: optionsById[id] ?? freshOptions() })) };
    download(courseListFileName(list), courseListText(list), "application/json");
    setMessage({ kind: "ok", text: `Saved “${list.title}” (${list.items.length} items) as ${courseListFileName(list)}.`, details: [] });
  };
  const open = async (file: File) => {
    let text: string;
    try {
      text = await file.text();
    } catch {
      setMessage({ kind: "problem", text: `${file.name} could not be read. Your current list is unchanged.`, details: [] });
      return;
    }
    const read = readCourseList(text, new Set(byId.keys()));
    if (!read.ok) {
      setMessage({ kind: "problem", text: `${file.name} was not opened: it is not a valid course list. Your current list is unchanged.`, details: read.problems });
      return;
    }
    setListTitle(read.list.title);
    setListIds(read.list.items.map((i) => i.id));
    setOptionsById((current) => ({ ...current, ...Object.fromEntries(read.list.items.map((i) => [i.id, i.options])) }));
    setMessage({
      kind: "ok",
      text: `Opened “${read.list.title}”: ${read.list.items.length} items.`,
      details: read.missing.length ? [`${read.missing.length} of them are not in this version of the course; they stay in the list so saving keeps them.`] : [],
    });
  };

  const setKinds = (kind: GalleryKind, on: boolean) => setFilter((f) => ({ ...f, kinds: GALLERY_KINDS.filter((k) => (k === kind ? on : f.kinds.includes(k))) }));
  const fragment = selected && links.status === "ready" ? links.links[selected.id] : undefined;
  const linkProblem = links.status === "failed" ? links.message : selected && links.status === "ready" && !fragment ? "This item's lab could not be built from its preset." : null;

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(20rem,26rem)_minmax(0,1fr)]">
      <div className="min-w-0 space-y-4">
        <CourseListPanel title={listTitle} ids={listIds} items={byId} message={message} onTitle={setListTitle} onRemove={(id) => setListIds((ids) => ids.filter((x) => x !== id))} onMove={moveInList} onSelect={select} onSave={save} onOpen={(file) => void open(file)} />

        <section aria-labelledby="teach-find-heading" className="rounded-2xl border border-line bg-surface p-4">
          <h2 id="teach-find-heading" className="text-base font-semibold">
            Find labs, challenges and predictions
          </h2>
          <form role="search" className="mt-2 space-y-3 text-sm" onSubmit={(e) => e.preventDefault()}>
            <div>
              <label htmlFor="teach-query" className="block font-medium">
                Words
              </label>
              <input id="teach-query" type="search" value={filter.query} onChange={(e) => setFilter({ ...filter, query: e.target.value })} placeholder="e.g. retry budget" className="mt-1 w-full rounded-md border border-line bg-surface px-2 py-1.5" data-testid="teach-query" />
            </div>
            <div className="grid grid-cols-2 gap-2">
              <div className="min-w-0">
                <label htmlFor="teach-chapter" className="block font-medium">
                  Chapter
                </label>
                <select id="teach-chapter" value={filter.chapterId} onChange={(e) => setFilter({ ...filter, chapterId: e.target.value, patternId: "" })} className="mt-1 w-full rounded-md border border-line bg-surface px-1.5 py-1.5" data-testid="teach-chapter">
                  <option value="">All chapters</option>
                  {index.chapters.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.title}
                    </option>
                  ))}
                </select>
              </div>
              <div className="min-w-0">
                <label htmlFor="teach-pattern" className="block font-medium">
                  Pattern
                </label>
                <select id="teach-pattern" value={filter.patternId} onChange={(e) => setFilter({ ...filter, patternId: e.target.value })} className="mt-1 w-full rounded-md border border-line bg-surface px-1.5 py-1.5" data-testid="teach-pattern">
                  <option value="">All patterns</option>
                  {patterns.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.title}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            <fieldset className="min-w-0">
              <legend className="font-medium">Show</legend>
              <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
                {GALLERY_KINDS.map((kind) => (
                  <label key={kind} className="inline-flex items-center gap-1.5">
                    <input type="checkbox" checked={filter.kinds.includes(kind)} onChange={(e) => setKinds(kind, e.target.checked)} data-testid={`teach-kind-${kind}`} />
                    {kindLabels[kind]}s
                  </label>
                ))}
              </div>
            </fieldset>
          </form>
          <p role="status" aria-live="polite" className="mt-3 text-sm text-muted" data-testid="teach-count">
            {results.length} of {index.items.length} shown
          </p>
          <ul className="mt-2 divide-y divide-line border-y border-line lg:max-h-[60vh] lg:overflow-y-auto" aria-label="Results" data-testid="teach-results">
            {results.map((item) => {
              const inList = listIds.includes(item.id);
              return (
                <li key={item.id} className={`flex items-start gap-2 py-2 ${item.id === selectedId ? "bg-accent-soft" : ""}`} data-id={item.id} data-kind={item.kind}>
                  <button type="button" onClick={() => select(item.id)} aria-current={item.id === selectedId ? "true" : undefined} className="min-w-0 flex-1 rounded px-1.5 py-0.5 text-left hover:bg-sunken" data-testid="teach-item">
                    <span className="flex items-center gap-2">
                      <KindBadge kind={item.kind} />
                      <span className="font-medium">{item.title}</span>
                    </span>
                    <span className="mt-0.5 block text-xs text-muted">
                      {item.chapterTitle}
                      {item.patternTitle ? ` · ${item.patternTitle}` : ""}
                    </span>
                  </button>
                  <label className="mt-0.5 inline-flex shrink-0 items-center gap-1 pr-1 text-xs">
                    <input type="checkbox" checked={inList} onChange={() => toggleInList(item.id)} aria-label={`In course list: ${item.title}`} data-testid="teach-pick" />
                    <span aria-hidden="true">In list</span>
                  </label>
                </li>
              );
            })}
          </ul>
        </section>
      </div>

      <div className="min-w-0">
        {selected ? (
          <ItemDetail
            item={selected}
            fragment={fragment}
            linkProblem={linkProblem}
            options={optionsById[selected.id] ?? freshOptions()}
            onOptions={(options) => setOptionsById((current) => ({ ...current, [selected.id]: options }))}
            headingRef={headingRef}
          />
        ) : (
          <div className="rounded-2xl border border-dashed border-line p-8 text-center text-muted lg:sticky lg:top-[calc(var(--fl-header-h)+1rem)]">
            <p className="text-lg">Choose an item to preview it and make its embed snippet.</p>
            <p className="mt-2 text-sm">
              Labs are the simulations beside the text; challenges add goals a learner&apos;s run must meet; predictions ask for a guess before the run shows the
              answer.
            </p>
          </div>
        )}
      </div>
    </div>
  );
}
