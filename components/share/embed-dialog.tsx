"use client";
/**
 * The "Embed" dialog: options for an instructor's iframe (read-only, which controls are shown or
 * locked, hidden panels, autoplay, a loop range, theme), the snippet to paste, and a live preview.
 * A native modal <dialog>: the page behind is inert (focus stays inside), Escape closes, and it is
 * labelled by its heading.
 */
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { encodeLabLink } from "@/lib/share/lab-link";
import { EMBED_PANELS, embedQuery, type EmbedOptions, type EmbedPanel } from "@/lib/share/embed-options";
import { embedSnippet } from "@/lib/share/embed-snippet";
import type { LabLinkState } from "@/lib/share/link-state";
import { controlFor, labelWithUnit } from "@/lib/lab/controls";

/** Human names of the panels an embed may hide. */
const panelLabels: Record<EmbedPanel, string> = { charts: "Charts", trace: "Trace", controls: "Controls" };

/** Preview widths: where instructors put labs (a full page, an LMS column, a phone). */
const previewWidths = [
  { id: "full", label: "Full", px: null },
  { id: "lms", label: "LMS column (900 px)", px: 900 },
  { id: "phone", label: "Phone (388 px)", px: 388 },
] as const;

/** "Workers (api)", with the unit: the schema's title for a control path, never the raw path. */
function controlName(state: LabLinkState, path: string): string {
  try {
    const spec = controlFor(state.scenario, path);
    return labelWithUnit(spec.label, spec.unit);
  } catch {
    return path;
  }
}

export function EmbedDialog({ state, onClose }: { state: LabLinkState; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  const [options, setOptions] = useState<EmbedOptions>({ readOnly: false, locked: [], hide: [], autoplay: false });
  const [loop, setLoop] = useState({ on: false, fromS: 0, toS: 30 });
  const [copied, setCopied] = useState(false);
  const [previewWidth, setPreviewWidth] = useState<(typeof previewWidths)[number]["id"]>("full");

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const code = useMemo(() => encodeLabLink(state), [state]);
  const effective: EmbedOptions = { ...options, loop: loop.on && loop.toS > loop.fromS ? { fromMs: loop.fromS * 1000, toMs: loop.toS * 1000 } : undefined };
  const src = `${typeof window === "undefined" ? "" : window.location.origin}/embed${embedQuery(effective)}#${code}`;
  const snippet = src.startsWith("http") ? embedSnippet(src, `Faultline lab: ${state.title}`) : "";
  const toggleHide = (panel: EmbedPanel) => setOptions((o) => ({ ...o, hide: o.hide.includes(panel) ? o.hide.filter((p) => p !== panel) : [...o.hide, panel] }));
  const controlMode = (path: string) => (options.controls && !options.controls.includes(path) ? "hidden" : options.locked.includes(path) ? "locked" : "shown");
  const setControlMode = (path: string, mode: string) =>
    setOptions((o) => {
      const all = o.controls ?? state.expose;
      const controls = mode === "hidden" ? all.filter((p) => p !== path) : all.includes(path) ? all : [...all, path];
      const locked = mode === "locked" ? [...new Set([...o.locked, path])] : o.locked.filter((p) => p !== path);
      return { ...o, controls: controls.length === state.expose.length ? undefined : controls, locked };
    });

  return (
    <dialog ref={ref} aria-labelledby={headingId} onClose={onClose} className="m-auto w-[min(960px,96vw)] rounded-xl border border-line bg-surface p-0 text-fg backdrop:bg-black/50" data-testid="embed-dialog">
      <header className="sticky top-0 z-10 flex items-center gap-3 border-b border-line bg-surface px-4 py-3">
        <div className="min-w-0">
          <h2 id={headingId} className="text-lg font-semibold">
            Embed this lab
          </h2>
          <p className="truncate text-sm text-muted">{state.title}</p>
        </div>
        <button type="button" className="ml-auto shrink-0 rounded-md border border-line px-3 py-1.5 text-sm hover:bg-sunken" onClick={() => ref.current?.close()} data-testid="embed-close">
          Close
        </button>
      </header>
      <div className="grid gap-4 p-4 md:grid-cols-[280px_1fr]">
        <form className="space-y-3 text-sm" onSubmit={(e) => e.preventDefault()}>
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={options.readOnly} onChange={(e) => setOptions({ ...options, readOnly: e.target.checked })} data-testid="embed-readonly" />
            Read-only (playback only)
          </label>
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={options.autoplay} onChange={(e) => setOptions({ ...options, autoplay: e.target.checked })} data-testid="embed-autoplay" />
            Start playing (otherwise paused)
          </label>
          <fieldset className="space-y-1">
            <legend className="font-medium">Hide panels</legend>
            {EMBED_PANELS.map((panel) => (
              <label key={panel} className="mr-3 inline-flex items-center gap-1.5">
                <input type="checkbox" checked={options.hide.includes(panel)} onChange={() => toggleHide(panel)} data-testid={`embed-hide-${panel}`} />
                {panelLabels[panel]}
              </label>
            ))}
          </fieldset>
          {state.expose.length > 0 && (
            <fieldset className="space-y-1">
              <legend className="font-medium">Controls</legend>
              {state.expose.map((path) => (
                <label key={path} className="flex items-center justify-between gap-2" title={path}>
                  <span className="truncate text-sm">{controlName(state, path)}</span>
                  <select value={controlMode(path)} onChange={(e) => setControlMode(path, e.target.value)} className="rounded border border-line bg-surface px-1 py-0.5 text-xs" aria-label={`Control: ${controlName(state, path)}`} data-testid={`embed-control-${path}`}>
                    <option value="shown">shown</option>
                    <option value="locked">locked</option>
                    <option value="hidden">hidden</option>
                  </select>
                </label>
              ))}
            </fieldset>
          )}
          <fieldset className="space-y-1">
            <legend className="font-medium">Loop</legend>
            <label className="flex items-center gap-2">
              <input type="checkbox" checked={loop.on} onChange={(e) => setLoop({ ...loop, on: e.target.checked })} data-testid="embed-loop" />
              Loop from
              <input type="number" min={0} value={loop.fromS} onChange={(e) => setLoop({ ...loop, fromS: Math.max(0, Number(e.target.value)) })} className="w-16 rounded border border-line bg-surface px-1" aria-label="Loop start, seconds" />
              to
              <input type="number" min={1} value={loop.toS} onChange={(e) => setLoop({ ...loop, toS: Math.max(1, Number(e.target.value)) })} className="w-16 rounded border border-line bg-surface px-1" aria-label="Loop end, seconds" />s
            </label>
          </fieldset>
          <label className="flex items-center gap-2">
            Theme
            <select value={options.theme ?? ""} onChange={(e) => setOptions({ ...options, theme: e.target.value === "light" || e.target.value === "dark" ? e.target.value : undefined })} className="rounded border border-line bg-surface px-1 py-0.5" data-testid="embed-theme">
              <option value="">reader&apos;s setting</option>
              <option value="light">light</option>
              <option value="dark">dark</option>
            </select>
          </label>
          <label className="block">
            <span className="font-medium">Snippet</span>
            <textarea readOnly value={snippet} rows={5} className="mt-1 block w-full rounded border border-line bg-sunken p-1.5 font-mono text-xs" onFocus={(e) => e.currentTarget.select()} data-testid="embed-snippet" />
          </label>
          <button
            type="button"
            className="rounded-md bg-accent px-3 py-1.5 font-medium text-on-accent"
            onClick={async () => {
              try {
                await navigator.clipboard.writeText(snippet);
                setCopied(true);
              } catch {
                setCopied(false);
              }
            }}
          >
            Copy snippet
          </button>
          <span role="status" className="ml-2 text-xs text-muted">
            {copied ? "✓ Copied" : ""}
          </span>
          <p className="text-xs text-muted">
            The script line makes the frame as tall as the lab (it also answers Canvas&apos;s <code>lti.frameResize</code>); without it the frame keeps its starting height. The embed posts <code>faultline:*</code> events to your page (ready, resize, played, paused, fault injected) and accepts play, pause and seek; see the docs.
          </p>
        </form>
        <div className="min-h-[420px] min-w-0">
          <div className="mb-1.5 flex flex-wrap items-center gap-2">
            <p className="text-xs font-medium text-muted">Live preview</p>
            <div role="group" aria-label="Preview width" className="ml-auto flex overflow-hidden rounded-md border border-line text-xs">
              {previewWidths.map((w) => (
                <button key={w.id} type="button" aria-pressed={previewWidth === w.id} onClick={() => setPreviewWidth(w.id)} className={`px-2 py-1 ${previewWidth === w.id ? "bg-accent-soft font-semibold text-accent-strong" : "hover:bg-sunken"}`} data-testid={`embed-preview-${w.id}`}>
                  {w.label}
                </button>
              ))}
            </div>
          </div>
          <div className="overflow-x-auto rounded-lg border border-dashed border-line bg-sunken">
            <iframe
              key={src}
              src={src}
              title="Embed preview"
              style={{ width: previewWidths.find((w) => w.id === previewWidth)?.px ?? "100%" }}
              className="mx-auto block h-[560px] max-w-none bg-bg"
              data-testid="embed-preview"
            />
          </div>
        </div>
      </div>
    </dialog>
  );
}
