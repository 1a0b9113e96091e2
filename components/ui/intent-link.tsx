"use client";
/**
 * A Link that prefetches its route when the reader shows intent (pointer over it, keyboard focus,
 * a touch) instead of as soon as it is on screen. For the header and breadcrumb links to the course
 * and pattern index, which every page shows at the top: prefetching them on sight made every
 * chapter download those pages' JavaScript before its own labs, for a click that rarely comes.
 */
import Link from "next/link";
import { useRouter } from "next/navigation";
import type { ComponentProps } from "react";

export type IntentLinkProps = Omit<ComponentProps<typeof Link>, "href" | "prefetch"> & { href: string };

export function IntentLink({ href, ...props }: IntentLinkProps) {
  const router = useRouter();
  const prefetch = () => router.prefetch(href);
  return <Link href={href} prefetch={false} onMouseEnter={prefetch} onFocus={prefetch} onTouchStart={prefetch} {...props} />;
}
