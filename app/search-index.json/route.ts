import { buildSearchIndex } from "@/lib/search/build-search-index";

// Built once at build time and served as a static file.
export const dynamic = "force-static";

export async function GET() {
  return Response.json(await buildSearchIndex());
}
