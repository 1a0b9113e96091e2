"use client";

import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { IntentLink } from "@/components/ui/intent-link";

/** A header link that marks itself as the current section with aria-current; prefetches on intent. */
export function NavLink({ href, children }: { href: string; children: ReactNode }) {
  const pathname = usePathname();
  const active = pathname === href || pathname.startsWith(`${href}/`);
  return (
    <IntentLink
      href={href}
      aria-current={active ? "page" : undefined}
      className="rounded-lg px-2.5 py-1.5 text-[0.9375rem] font-medium text-muted transition-colors hover:bg-sunken hover:text-fg aria-[current=page]:text-fg"
    >
      {children}
    </IntentLink>
  );
}
