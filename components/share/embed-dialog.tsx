"use client";
/**
 * The "Embed" dialog: options for an instructor's iframe (read-only, which controls are shown or
 * locked, hidden panels, autoplay, a loop range, theme), the snippet to paste, and a live preview.
 * A native modal <dialog>: the page behind is inert (focus stays inside), Escape closes, and it is
 * labelled by its heading.
 */
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { encodeLabLink } from "@/lib/share/lab-link";
import { EMBED_PANELS, embedQuery, iframeSnippet, type EmbedOptions, type EmbedPanel } from "@/lib/share/embed-options";
import type { LabLinkState } from "@/lib/share/link-state";

export function EmbedDialog({ state, onClose }: { state: LabLinkState; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  const [options, setOptions] = useState<EmbedOptions>({ readOnly: false, locked: [], hide: [], autoplay: false });
  const [loop, setLoop] = useState({ on: false, fromS: 0, toS: 30 });
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const code = useMemo(() => encodeLabLink(state), [state]);
  const effective: EmbedOptions = { ...options, loop: loop.on && loop.toS > loop.fromS ? { fromMs: loop.fromS * 1000, toMs: loop.toS * 1000 } : undefined };
  const src = `${typeof window === "undefined" ? "" : window.location.origin}/embed${embedQuery(effective)}#${code}`;
  const snippet = iframeSnippet(src, `Faultline lab: ${state.title}`, 620);
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
      <div className="flex items-center border-b border-line px-4 py-2">
        <h2 id={headingId} className="text-base font-semibold">
          Embed this lab
        </h2>
        <button type="button" className="ml-auto rounded px-2 py-1 text-sm" onClick={() => ref.current?.close()} aria-label="Close the embed dialog">
          ✕
        </button>
      </div>
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
                {panel}
              </label>
            ))}
          </fieldset>
          {state.expose.length > 0 && (
            <fieldset className="space-y-1">
              <legend className="font-medium">Controls</legend>
              {state.expose.map((path) => (
                <label key={path} className="flex items-center justify-between gap-2">
                  <code className="truncate text-xs">{path}</code>
                  <select value={controlMode(path)} onChange={(e) => setControlMode(path, e.target.value)} className="rounded border border-line bg-surface px-1 py-0.5 text-xs" aria-label={`Control ${path}`}>
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
            The embed posts <code>faultline:*</code> events to your page (ready, resize, played, paused, fault injected) and accepts play, pause and seek; see the docs.
          </p>
        </form>
        <div className="min-h-[420px]">
          <p className="mb-1 text-xs font-medium text-muted">Live preview</p>
          <iframe key={src} src={src} title="Embed preview" className="h-[520px] w-full rounded-lg border border-line" data-testid="embed-preview" />
        </div>
      </div>
    </dialog>
  );
}
