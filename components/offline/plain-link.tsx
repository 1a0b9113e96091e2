/**
 * `next/link` in the offline file (scripts/build-offline-lab.ts swaps it in): a plain anchor, since
 * there is no Next router on a page opened from disk. Site paths (`/fidelity`) resolve against the
 * page's `<base>`, the site the lab was saved from.
 */
import type { AnchorHTMLAttributes, ReactNode } from "react";

type Props = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href"> & { href: string | { pathname?: string }; prefetch?: boolean; children?: ReactNode };

export default function PlainLink({ href, prefetch, ...rest }: Props) {
  void prefetch;
  const target = typeof href === "string" ? href : (href.pathname ?? "/");
  return <a href={target} {...rest} />;
}
