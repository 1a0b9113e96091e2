import { buildGalleryIndex, buildGalleryLinks } from "@/lib/teach/gallery-index";

// Built once at build time and served as a static file: every gallery item's lab as a link
// fragment, by item id. /teach fetches it when an instructor first selects an item.
export const dynamic = "force-static";

export async function GET() {
  const index = await buildGalleryIndex();
  return Response.json(buildGalleryLinks(index.items));
}
