/** Colours of the mechanism views: the theme's CSS variables, so light and dark both hold. */
export const color = {
  ok: "var(--fl-ok)",
  okSoft: "var(--fl-ok-soft)",
  bad: "var(--fl-accent)",
  badSoft: "var(--fl-accent-soft)",
  warn: "var(--fl-warn)",
  warnSoft: "var(--fl-warn-soft)",
  note: "var(--fl-note)",
  noteSoft: "var(--fl-note-soft)",
  fg: "var(--fl-fg)",
  muted: "var(--fl-muted)",
  line: "var(--fl-line)",
  sunken: "var(--fl-sunken)",
} as const;

/** Distinct colours for servers or series; the last is the accent, for the one that joins or stands out. */
export const seriesColors = [color.note, color.ok, color.warn, color.muted, color.bad] as const;

/** Font size of labels inside the drawings (viewBox units; the drawings are about 360 units wide). */
export const labelSize = 12;
