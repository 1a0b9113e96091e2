import type { ReactNode } from "react";
import { recapSectionId } from "@/lib/content/chapter-outline";

/** The recap box at the end of a chapter; its id matches the table-of-contents entry. */
export function Recap({ children }: { children?: ReactNode }) {
  return (
    <section id={recapSectionId} aria-labelledby={`${recapSectionId}--heading`} className="!mt-14 rounded-2xl border border-line bg-sunken px-6 py-5 [&_ul]:mt-3">
      <h2 id={`${recapSectionId}--heading`} className="!mt-0 !text-2xl">
        Recap
      </h2>
      {children}
    </section>
  );
}
