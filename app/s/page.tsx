import type { Metadata } from "next";
import { ShortLinkRedirect } from "@/components/share/short-link-redirect";

export const metadata: Metadata = { title: "Shared lab", robots: { index: false } };

/** `/s#<code>`: short share links; the fragment goes on to /playground. */
export default function ShortLinkPage() {
  return <ShortLinkRedirect />;
}
