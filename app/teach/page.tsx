import type { Metadata } from "next";
import { TeachGallery } from "@/components/teach/teach-gallery";
import { buildGalleryIndex } from "@/lib/teach/gallery-index";

export const metadata: Metadata = {
  title: "For instructors",
  description: "Every Faultline lab, challenge and prediction, ready to configure and embed in your own course pages.",
};

/** `/teach`: the instructor's gallery. The index is built from the chapters at build time. */
export default async function TeachPage() {
  const index = await buildGalleryIndex();
  const counts = { lab: 0, challenge: 0, prediction: 0 };
  for (const item of index.items) counts[item.kind]++;
  return (
    <main id="main" tabIndex={-1} className="mx-auto max-w-[90rem] px-4 pb-8 pt-10 outline-none sm:px-6">
      <h1 className="font-serif text-4xl font-semibold tracking-tight sm:text-5xl">For instructors</h1>
      <p className="mt-3 max-w-3xl text-lg text-muted">
        Every lab ({counts.lab}), challenge ({counts.challenge}) and prediction ({counts.prediction}) in the course. Pick one, set how it appears, and
        paste the snippet into your course page. Gather the ones you use into a course list and keep it as a file.
      </p>
      <div className="mt-8">
        <TeachGallery index={index} />
      </div>
    </main>
  );
}
