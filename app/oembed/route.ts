import { content } from "@/lib/content";
import { buildGalleryLinks } from "@/lib/teach/gallery-index";
import { buildGallery } from "@/lib/teach/gallery";
import { describeGoal } from "@/lib/lab/goals";
import { decodeLabLink } from "@/lib/share/lab-link";
import { maxDimension, oembedResponse, resolveOembedUrl } from "@/lib/teach/oembed";

/**
 * `/oembed?url=<lab link or chapter page>&format=json`: oEmbed "rich" responses whose html is an
 * iframe of /embed. Bad urls get 404 with a JSON error (lib/teach/oembed.ts says what is accepted).
 */
const headers = { "Access-Control-Allow-Origin": "*", "Cache-Control": "public, max-age=3600" };
const refuse = (status: number, error: string) => Response.json({ error }, { status, headers });

export async function GET(request: Request) {
  const requestUrl = new URL(request.url);
  const origin = requestUrl.origin;
  const params = requestUrl.searchParams;
  const format = params.get("format") ?? "json";
  if (format !== "json") return refuse(501, `Format "${format.slice(0, 20)}" is not offered; use format=json.`);
  const live = new Set(content.getLiveChapters().map((c) => c.id));
  const resolved = resolveOembedUrl(params.get("url"), origin, live);
  if (!resolved.ok) return refuse(404, resolved.error);
  const limits = { maxWidth: maxDimension(params.get("maxwidth")), maxHeight: maxDimension(params.get("maxheight")) };
  const { target } = resolved;
  if (target.kind === "link") {
    const decoded = decodeLabLink(target.fragment);
    if (!decoded.ok) return refuse(404, `The link's lab cannot be read: ${decoded.problem.message}`);
    return Response.json(oembedResponse(origin, `${origin}/embed${target.embedQuery}#${target.fragment}`, decoded.state.title || "Lab", limits), { headers });
  }
  // A chapter page: the lab of the section the anchor names, else the chapter's first lab.
  const { outline, frontmatter } = await content.compileChapter(target.chapterId);
  const gallery = buildGallery([{ id: target.chapterId, title: frontmatter.title, scenarios: outline.scenarios }], () => undefined, describeGoal);
  const labs = gallery.items.filter((i) => i.kind === "lab");
  const lab = labs.find((i) => target.anchor && i.patternId === target.anchor) ?? labs[0];
  if (!lab) return refuse(404, `The chapter "${frontmatter.title}" has no lab to embed.`);
  const fragment = buildGalleryLinks([lab])[lab.id];
  if (!fragment) return refuse(404, `The chapter's lab "${lab.title}" could not be built.`);
  return Response.json(oembedResponse(origin, `${origin}/embed#${fragment}`, `${frontmatter.title}: ${lab.title}`, limits), { headers });
}
