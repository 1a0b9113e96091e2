import type { Metadata } from "next";
import { Suspense } from "react";
import { SearchPage } from "@/components/search/search-page";

export const metadata: Metadata = {
  title: "Search",
  description: "Search every Faultline chapter and pattern section.",
};

export default function SearchRoute() {
  return (
    <main id="main" tabIndex={-1} className="mx-auto max-w-3xl px-4 pb-8 pt-12 outline-none sm:px-6">
      <h1 className="font-serif text-4xl font-semibold tracking-tight">Search</h1>
      <div className="mt-6">
        {/* ?q= is read in the browser, so the page itself stays static. */}
        <Suspense fallback={<div className="h-14 rounded-2xl border border-line bg-surface" />}>
          <SearchPage />
        </Suspense>
      </div>
    </main>
  );
}
