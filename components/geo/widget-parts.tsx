"use client";
/**
 * Small parts the geospatial widgets share: the figure frame, a labelled range and a labelled number
 * input. Native inputs throughout, so every control works from the keyboard without extra code.
 */
import { useId, type ReactNode } from "react";

export function GeoFrame({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  const id = useId();
  return (
    <figure className="not-prose my-6 rounded-xl border border-line bg-surface p-3 sm:p-4" aria-labelledby={`${id}-title`} data-testid={testId}>
      <figcaption id={`${id}-title`} className="mb-2 text-sm font-semibold">
        <span className="mr-2 text-xs font-semibold uppercase tracking-[0.08em] text-muted">Try it</span>
        {title}
      </figcaption>
      {children}
    </figure>
  );
}

export function RangeField({ label, value, min, max, step = 1, onChange, format, testId }: { label: string; value: number; min: number; max: number; step?: number; onChange: (v: number) => void; format: (v: number) => string; testId?: string }) {
  const id = useId();
  return (
    <div className="flex min-w-[11rem] flex-1 flex-col gap-1 text-sm">
      <label htmlFor={id} className="flex justify-between gap-2">
        <span>{label}</span>
        <output htmlFor={id} className="font-mono tabular-nums text-muted">
          {format(value)}
        </output>
      </label>
      <input id={id} type="range" className="w-full accent-[var(--fl-accent)]" min={min} max={max} step={step} value={value} aria-valuetext={format(value)} onChange={(e) => onChange(Number(e.target.value))} data-testid={testId} />
    </div>
  );
}

export function NumberField({ label, value, min, max, step, onChange, testId, invalid }: { label: string; value: string; min: number; max: number; step: number; onChange: (raw: string) => void; testId?: string; invalid?: string | null }) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1 text-sm">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        className="h-9 w-32 rounded-md border border-line bg-surface px-2 font-mono tabular-nums aria-[invalid=true]:border-accent"
        min={min}
        max={max}
        step={step}
        value={value}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={invalid ? `${id}-error` : undefined}
        onChange={(e) => onChange(e.target.value)}
        data-testid={testId}
      />
      {invalid ? (
        <span id={`${id}-error`} className="text-xs text-accent">
          {invalid}
        </span>
      ) : null}
    </div>
  );
}

export const quietButton = "h-9 rounded-md border border-line bg-surface px-3 text-sm font-medium hover:border-accent hover:text-accent";

export function Toggle({ label, checked, onChange, testId }: { label: string; checked: boolean; onChange: (v: boolean) => void; testId?: string }) {
  return (
    <label className="inline-flex cursor-pointer items-center gap-2 text-sm">
      <input type="checkbox" className="size-4 accent-[var(--fl-accent)]" checked={checked} onChange={(e) => onChange(e.target.checked)} data-testid={testId} />
      {label}
    </label>
  );
}

/** Metres or kilometres, whichever reads better. */
export function formatDistance(km: number): string {
  if (km >= 100) return `${Math.round(km).toLocaleString("en")} km`;
  if (km >= 1) return `${km.toFixed(km >= 10 ? 0 : 1)} km`;
  const m = km * 1000;
  if (m >= 10) return `${Math.round(m)} m`;
  if (m >= 0.1) return `${m.toFixed(1)} m`;
  return `${(m * 100).toFixed(1)} cm`;
}

/**
 * Rounds a drawing coordinate to 0.01 units. Server and browser maths libraries may differ in the
 * last bits of cos or log, and an unrounded attribute would then not match during hydration.
 */
export const px2 = (v: number) => Math.round(v * 100) / 100;
