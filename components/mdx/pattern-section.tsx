import type { ReactNode } from "react";

/** Props of `<Pattern>` (content/README.md). */
export interface PatternProps {
  /** Catalog pattern id; becomes the section's element id, so /learn/<chapter>#<id> lands here. */
  id: string;
  title: string;
  children?: ReactNode;
}

/** One catalog pattern's section, with an anchored h2 whose link appears on hover or focus. */
export function Pattern({ id, title, children }: PatternProps) {
  const headingId = `${id}--heading`;
  return (
    <section id={id} aria-labelledby={headingId} data-pattern={id} className="scroll-mt-[calc(var(--fl-header-h)+1rem)]">
      <h2 id={headingId} className="group relative">
        {title}
        <a
          href={`#${id}`}
          className="ml-2 inline-block align-middle text-[0.7em] font-normal text-faint no-underline opacity-0 transition-opacity group-hover:opacity-100 hover:text-accent focus-visible:opacity-100 print:hidden"
          aria-label={`Link to section: ${title}`}
        >
          #
        </a>
      </h2>
      {children}
    </section>
  );
}
