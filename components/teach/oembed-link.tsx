"use client";
/**
 * oEmbed discovery: `<link rel="alternate" type="application/json+oembed">` (React puts it in the
 * head). Server-rendered with the page's path; in the browser it carries the whole address with
 * its `#…`, since a lab link's state lives in the fragment, which never reaches a server.
 */
import { useEffect, useState } from "react";
import { oembedDiscoveryHref } from "@/lib/teach/oembed";

export function OembedLink({ path, title }: { path: string; title: string }) {
  const [href, setHref] = useState(oembedDiscoveryHref(path));
  useEffect(() => {
    const update = () => setHref(oembedDiscoveryHref(window.location.hash ? `${path}${window.location.search}${window.location.hash}` : path));
    update();
    window.addEventListener("hashchange", update);
    return () => window.removeEventListener("hashchange", update);
  }, [path]);
  return <link rel="alternate" type="application/json+oembed" href={href} title={title} />;
}
