/**
 * The lab's outer size, shared by the placeholder and the loaded lab so that loading moves the
 * chapter text as little as possible: the graph height plus the toolbar, summary, inline controls
 * and chart rows. The graph is the hero: never shorter than {@link MIN_GRAPH_HEIGHT}.
 */
export const DEFAULT_GRAPH_HEIGHT = 440;
export const MIN_GRAPH_HEIGHT = 420;

/**
 * The lab's layout follows its own width, not the viewport's: the frame is a CSS `@container`, so an
 * embed in a 900-px LMS column gets the wide layout and a 388-px one the narrow one (the settings
 * panel becomes a bottom sheet below 768 px of lab width; see lab-app.tsx).
 */
/** Classes of the frame (the same on the placeholder and the lab). */
export function labFrameClass(fill: boolean): string {
  return fill
    ? "lab-frame @container relative flex h-full min-h-[640px] flex-col overflow-x-hidden overflow-y-auto rounded-xl border border-line bg-bg"
    : "lab-frame @container relative flex min-h-[calc(var(--lab-graph-h)+760px)] flex-col overflow-hidden rounded-xl border border-line bg-bg outline-none sm:min-h-[calc(var(--lab-graph-h)+520px)]";
}

export function labFrameStyle(graphHeight: number | undefined): React.CSSProperties {
  return { ["--lab-graph-h" as string]: `${Math.max(MIN_GRAPH_HEIGHT, graphHeight ?? DEFAULT_GRAPH_HEIGHT)}px` };
}
