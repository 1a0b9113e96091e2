"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

/** A header link that marks itself as the current section with aria-current. */
export function NavLink({ href, children }: { href: string; children: ReactNode }) {
  const pathname = usePathname();
  const active = pathname === href || pathname.startsWith(`${href}/`);
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className="rounded-lg px-2.5 py-1.5 text-[0.9375rem] font-medium text-muted transition-colors hover:bg-sunken hover:text-fg aria-[current=page]:text-fg"
    >
      {children}
    </Link>
  );
}
