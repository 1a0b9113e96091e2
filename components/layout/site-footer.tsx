import Link from "next/link";

/** Site footer: where to go next and what the project is. */
export function SiteFooter() {
  return (
    <footer className="mt-24 border-t border-line print:hidden">
      <div className="mx-auto flex max-w-[90rem] flex-col gap-4 px-4 py-10 text-sm text-muted sm:flex-row sm:items-center sm:justify-between sm:px-6">
        <p>
          <span className="font-serif font-semibold text-fg">Faultline</span> · an open-source course in software architecture. MIT licensed.
        </p>
        <nav aria-label="Footer">
          <ul className="flex flex-wrap gap-x-5 gap-y-2">
            <li><Link className="hover:text-fg hover:underline" href="/learn">Course</Link></li>
            <li><Link className="hover:text-fg hover:underline" href="/patterns">Pattern index</Link></li>
            <li><Link className="hover:text-fg hover:underline" href="/playground">Playground</Link></li>
            <li><Link className="hover:text-fg hover:underline" href="/fidelity">How exact the simulation is</Link></li>
            <li><Link className="hover:text-fg hover:underline" href="/search">Search</Link></li>
            <li><Link className="hover:text-fg hover:underline" href="/teach">For instructors</Link></li>
            <li><Link className="hover:text-fg hover:underline" href="/fidelity">How exact is the simulation?</Link></li>
          </ul>
        </nav>
      </div>
    </footer>
  );
}
