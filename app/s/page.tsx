import type { Metadata } from "next";
import { buildLabLocations } from "@/lib/content/lab-locations";
import { ShareLanding } from "@/components/share/share-landing";
import { OembedLink } from "@/components/teach/oembed-link";

export const metadata: Metadata = { title: "Shared lab", robots: { index: false } };

/**
 * `/s#<code>`: share links. The fragment never reaches the server, so the page carries the map of
 * which chapter shows which preset (built at build time) and the browser decides where the link opens.
 */
export default async function ShortLinkPage() {
  return (
    <>
      <ShareLanding locations={await buildLabLocations()} />
      <OembedLink path="/s" title="Shared lab" />
    </>
  );
}
