/**
 * The lab's outer size, shared by the placeholder and the loaded lab so that loading never moves
 * the chapter text: a fixed frame of the graph height plus the toolbar, summary and chart rows.
 */
export const DEFAULT_GRAPH_HEIGHT = 380;

/** Classes of the frame (the same on the placeholder and the lab). */
export function labFrameClass(fill: boolean): string {
  return fill
    ? "lab-frame relative flex h-full min-h-[640px] flex-col overflow-hidden rounded-xl border border-line bg-bg"
    : "lab-frame relative flex h-[calc(var(--lab-graph-h)+500px)] flex-col overflow-hidden rounded-xl border border-line bg-bg sm:h-[calc(var(--lab-graph-h)+420px)]";
}

export function labFrameStyle(graphHeight: number | undefined): React.CSSProperties {
  return { ["--lab-graph-h" as string]: `${graphHeight ?? DEFAULT_GRAPH_HEIGHT}px` };
}
