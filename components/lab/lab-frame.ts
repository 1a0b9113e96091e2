/**
 * The lab's outer size, shared by the placeholder and the loaded lab so that loading never moves
 * the chapter text: a fixed frame of the graph height plus the toolbar, summary and chart rows.
 */
export const DEFAULT_GRAPH_HEIGHT = 380;

/**
 * From this width of the lab itself (not the viewport) the controls sit beside the graph; below it
 * they open as a drawer. The layout uses CSS container queries (`@min-[840px]:` on children of the
 * `@container` frame), so an embed in a 900-px LMS column gets the wide layout and a 388-px one the
 * narrow one, whatever the size of the window around them.
 */
export const LAB_WIDE_PX = 840;

/** Classes of the frame (the same on the placeholder and the lab). */
export function labFrameClass(fill: boolean): string {
  return fill
    ? "lab-frame @container relative flex h-full min-h-[640px] flex-col overflow-hidden rounded-xl border border-line bg-bg"
    : "lab-frame @container relative flex h-[calc(var(--lab-graph-h)+500px)] flex-col overflow-hidden rounded-xl border border-line bg-bg sm:h-[calc(var(--lab-graph-h)+420px)]";
}

export function labFrameStyle(graphHeight: number | undefined): React.CSSProperties {
  return { ["--lab-graph-h" as string]: `${graphHeight ?? DEFAULT_GRAPH_HEIGHT}px` };
}
