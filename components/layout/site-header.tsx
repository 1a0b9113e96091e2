import Link from "next/link";
import { SearchDialog } from "@/components/search/search-dialog";
import { ThemeToggle } from "@/components/theme/theme-toggle";
import { LogoMark } from "@/components/ui/logo";
import { NavLink } from "./nav-link";

/** The sticky site header: brand, main navigation, search and theme switch. */
export function SiteHeader() {
  return (
    <header className="sticky top-0 z-40 h-[var(--fl-header-h)] border-b border-line bg-bg/85 backdrop-blur-md supports-[not(backdrop-filter:blur(1px))]:bg-bg print:hidden">
      <div className="mx-auto flex h-full max-w-[90rem] items-center gap-2 px-4 sm:gap-4 sm:px-6">
        <Link href="/" className="flex shrink-0 items-center gap-2.5 rounded-lg pr-1 font-serif text-[1.2rem] font-semibold tracking-tight">
          <LogoMark className="size-7" />
          <span>Faultline</span>
        </Link>
        <nav aria-label="Main" className="ml-1 sm:ml-4">
          <ul className="flex items-center gap-0.5">
            <li>
              <NavLink href="/learn">Learn</NavLink>
            </li>
            <li>
              <NavLink href="/patterns">Patterns</NavLink>
            </li>
            {/* On phones the header has room for two links; the playground is in the footer and on the home page. */}
            <li className="hidden sm:block">
              <NavLink href="/playground">Playground</NavLink>
            </li>
          </ul>
        </nav>
        <div className="ml-auto flex items-center gap-1 sm:gap-2">
          <SearchDialog />
          <ThemeToggle />
        </div>
      </div>
    </header>
  );
}
