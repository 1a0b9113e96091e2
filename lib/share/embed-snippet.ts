/**
 * The snippet an instructor pastes into a course page: the iframe and the one-line resizer script
 * (public/embed.js), which sets the iframe's height to the lab's content height whenever the lab
 * posts it (`faultline:resize`, or Canvas's `lti.frameResize`). Without the script the iframe keeps
 * the starting height, which fits the lab at desktop width.
 */
import { iframeSnippet } from "./embed-options";

/** Where the resizer is served, on the same site as the embed. */
export const EMBED_SCRIPT_PATH = "/embed.js";

/** Starting iframe height: the lab's frame at its default graph height, plus a little room. */
export const EMBED_START_HEIGHT_PX = 820;

/** The full snippet: iframe plus resizer script. `src` is the absolute embed URL. */
export function embedSnippet(src: string, title: string, heightPx = EMBED_START_HEIGHT_PX): string {
  const origin = new URL(src).origin;
  return `${iframeSnippet(src, title, heightPx)}\n<script src="${origin}${EMBED_SCRIPT_PATH}" async></script>`;
}
