/**
 * A standalone SVG file from the diagram's markup: the XML namespace, a title and description (what
 * the diagram shows, for readers of the file), and an opaque background so it reads on any page.
 * The component inlines computed colours first, so the file needs no stylesheet.
 */

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export interface SvgExportInfo {
  title: string;
  description: string;
  background: string;
}

/** Wraps the inner markup of an `<svg>` of `width` × `height` into a file's text. */
export function svgDocument(innerMarkup: string, width: number, height: number, info: SvgExportInfo): string {
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${Math.round(width)}" height="${Math.round(height)}" viewBox="0 0 ${Math.round(width)} ${Math.round(height)}" role="img" font-family="system-ui, sans-serif">`,
    `<title>${escapeXml(info.title)}</title>`,
    `<desc>${escapeXml(info.description)}</desc>`,
    `<rect width="100%" height="100%" fill="${escapeXml(info.background)}"/>`,
    innerMarkup,
    `</svg>`,
    "",
  ].join("\n");
}

/** A file name for the export: "spacetime-register-1200-1700ms.svg". */
export function svgFileName(nodeId: string, startMs: number, endMs: number): string {
  return `spacetime-${nodeId.replace(/[^a-z0-9-]/gi, "-")}-${Math.round(startMs)}-${Math.round(endMs)}ms.svg`;
}
