"use client";
/**
 * One gallery item, selected: a live preview (the real /embed in an iframe, with the options as
 * set), the embed options, and what the instructor takes away: the snippet, a plain link and an
 * assignment link. The preview is exactly what the snippet embeds, since both use the same URL.
 */
import { useEffect, useMemo, useRef, useState, type Ref } from "react";
import { controlFor, labelWithUnit } from "@/lib/lab/controls";
import { embedQuery, embedStart, type EmbedOptions } from "@/lib/share/embed-options";
import { embedSnippet, EMBED_START_HEIGHT_PX } from "@/lib/share/embed-snippet";
import { decodeLabLink, encodeLabLink } from "@/lib/share/lab-link";
import type { GalleryItem } from "@/lib/teach/gallery";
import { assignmentHref } from "@/lib/teach/assignment-link";
import { EmbedConfigurator } from "./embed-configurator";
import { kindLabels } from "./kind-badge";

/** Copies text; says so, or asks the instructor to copy by hand when the browser refuses. */
function CopyButton({ text, label, testId }: { text: string; label: string; testId: string }) {
  const [status, setStatus] = useState("");
  useEffect(() => setStatus(""), [text]);
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        className="rounded-md bg-accent px-3 py-1.5 text-sm font-medium text-on-accent hover:bg-accent-strong disabled:opacity-50"
        disabled={!text}
        onClick={async () => {
          try {
            if (!navigator.clipboard) throw new Error("no clipboard");
            await navigator.clipboard.writeText(text);
            setStatus("✓ Copied");
          } catch {
            setStatus("Copying was blocked: select the text and copy it.");
          }
        }}
        data-testid={testId}
      >
        {label}
      </button>
      <span role="status" className="text-xs text-muted">
        {status}
      </span>
    </span>
  );
}

export function ItemDetail({ item, fragment, linkProblem, options, onOptions, headingRef }: { item: GalleryItem; fragment: string | undefined; linkProblem: string | null; options: EmbedOptions; onOptions: (options: EmbedOptions) => void; headingRef: Ref<HTMLHeadingElement> }) {
  const [origin, setOrigin] = useState("");
  useEffect(() => setOrigin(window.location.origin), []);
  const decoded = useMemo(() => (fragment ? decodeLabLink(fragment) : null), [fragment]);
  const state = decoded?.ok ? decoded.state : null;
  const controlLabel = (path: string) => {
    if (!state) return path;
    try {
      const spec = controlFor(state.scenario, path);
      return labelWithUnit(spec.label, spec.unit);
    } catch {
      return path;
    }
  };

  const src = origin && fragment ? `${origin}/embed${embedQuery(options)}#${fragment}` : "";
  const snippet = src ? embedSnippet(src, `Faultline lab: ${item.title}`) : "";
  const plainLink = useMemo(() => {
    if (!origin || !state) return "";
    const stop = "durationMs" in state.scenario.stop ? state.scenario.stop.durationMs : 1e9;
    return `${origin}/s#${encodeLabLink({ ...state, ...embedStart(options, state, stop) })}`;
  }, [origin, state, options]);
  const assignment = assignmentHref(item);

  // The preview is as tall as the lab says it is (the embed posts its content height).
  const frame = useRef<HTMLIFrameElement>(null);
  const [heightPx, setHeightPx] = useState(EMBED_START_HEIGHT_PX);
  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      if (!frame.current || event.source !== frame.current.contentWindow) return;
      const data = event.data as { type?: unknown; heightPx?: unknown };
      if (data?.type === "faultline:resize" && typeof data.heightPx === "number" && Number.isFinite(data.heightPx)) setHeightPx(Math.min(2000, Math.max(240, Math.round(data.heightPx))));
    };
    window.addEventListener("message", onMessage);
    return () => window.removeEventListener("message", onMessage);
  }, []);

  return (
    <article aria-labelledby="teach-item-heading" className="rounded-2xl border border-line bg-surface p-4 sm:p-5" data-testid="teach-detail" data-item={item.id}>
      <p className="text-xs font-semibold uppercase tracking-[0.08em] text-accent-strong">{kindLabels[item.kind]}</p>
      <h2 id="teach-item-heading" ref={headingRef} tabIndex={-1} className="mt-1 font-serif text-2xl font-semibold outline-none">
        {item.title}
      </h2>
      <p className="mt-1 text-sm text-muted">
        {item.chapterTitle}
        {item.patternTitle ? ` · ${item.patternTitle}` : ""} ·{" "}
        <a href={item.href} className="text-accent-strong underline underline-offset-2">
          See it in the chapter
        </a>
      </p>
      {item.summary && <p className="mt-2 text-sm">{item.summary}</p>}

      <section aria-label="Live preview" className="mt-4">
        {linkProblem ? (
          <p role="alert" className="rounded-lg border border-warn bg-warn-soft p-3 text-sm">
            {linkProblem}
          </p>
        ) : src ? (
          <div className="overflow-hidden rounded-lg border border-dashed border-line bg-sunken">
            <iframe key={src} ref={frame} src={src} title={`Preview: ${item.title}`} style={{ height: heightPx }} className="block w-full bg-bg" data-testid="teach-preview" />
          </div>
        ) : (
          <p className="rounded-lg border border-dashed border-line bg-sunken p-6 text-center text-sm text-muted" aria-busy="true">
            Loading the lab…
          </p>
        )}
      </section>

      <div className="mt-5 grid gap-6 md:grid-cols-[minmax(0,18rem)_minmax(0,1fr)]">
        <EmbedConfigurator key={item.id} options={options} expose={item.expose} controlLabel={controlLabel} onChange={onOptions} />
        <div className="min-w-0 space-y-5 text-sm">
          <div>
            <label htmlFor="teach-snippet" className="block font-semibold">
              Embed snippet
            </label>
            <textarea id="teach-snippet" readOnly value={snippet} rows={6} className="mt-1 block w-full rounded-md border border-line bg-sunken p-2 font-mono text-xs" onFocus={(e) => e.currentTarget.select()} data-testid="teach-snippet" />
            <div className="mt-2">
              <CopyButton text={snippet} label="Copy snippet" testId="teach-copy-snippet" />
            </div>
            <p className="mt-2 text-xs text-muted">Paste it into any page that accepts HTML. The script line sizes the frame to the lab (Canvas&apos;s own resize message is answered too).</p>
          </div>
          <div>
            <label htmlFor="teach-plain-link" className="block font-semibold">
              Plain link
            </label>
            <input id="teach-plain-link" readOnly value={plainLink} className="mt-1 block w-full rounded-md border border-line bg-sunken px-2 py-1 font-mono text-xs" onFocus={(e) => e.currentTarget.select()} data-testid="teach-plain-link" />
            <div className="mt-2">
              <CopyButton text={plainLink} label="Copy link" testId="teach-copy-link" />
            </div>
            <p className="mt-2 text-xs text-muted">Opens the lab in its chapter on this site, with the seed and start time above.</p>
          </div>
          <div>
            <p className="font-semibold">Assignment</p>
            <a href={assignment} className="mt-1 inline-block rounded-md border border-line px-3 py-1.5 font-medium hover:bg-sunken" data-testid="teach-assignment-link">
              Assignment link
            </a>
            <p className="mt-2 text-xs text-muted">Pins this lab{item.challengeId ? " and the challenge's goals" : ""} for learners to submit their result.</p>
          </div>
        </div>
      </div>
    </article>
  );
}
