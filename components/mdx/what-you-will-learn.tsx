import type { ReactNode } from "react";
import { TargetIcon } from "@/components/ui/icons";

/** The "what you will learn" box near the top of a chapter. */
export function WhatYouWillLearn({ children }: { children?: ReactNode }) {
  return (
    <section aria-labelledby="what-you-will-learn" className="not-first:mt-8 rounded-2xl border border-line bg-surface px-6 py-5 shadow-sm [&_ul]:mt-3 [&_li]:pl-1">
      <h2 id="what-you-will-learn" className="!mt-0 flex items-center gap-2 !font-sans !text-sm font-semibold uppercase !tracking-[0.08em] text-accent">
        <TargetIcon className="size-4" />
        What you will learn
      </h2>
      {children}
    </section>
  );
}
