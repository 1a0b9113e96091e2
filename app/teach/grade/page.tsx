import type { Metadata } from "next";
import Link from "next/link";
import { listPresetIds, loadPreset } from "@/lib/lab/presets";
import { scenarioHash } from "@/lib/assignments/hash";
import { GradeBoard } from "@/components/assignments/grade-board";

export const metadata: Metadata = { title: "Grade submissions", description: "Replay learners' submitted assignment links in your browser and see which goals each one meets." };

/** Every preset's fingerprint, so the browser can tell a preset that changed since an assignment was made. */
function presetHashes(): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const id of listPresetIds()) {
    try {
      const preset = loadPreset(id);
      if (preset) hashes[id] = scenarioHash(preset);
    } catch {
      // An invalid preset is left out; submissions on it are flagged.
    }
  }
  return hashes;
}

/** `/teach/grade`: the grader of `npm run grade`, in the browser (replays run in a worker). */
export default function GradePage() {
  return (
    <main id="main" tabIndex={-1} className="mx-auto max-w-5xl px-4 pb-12 pt-10 outline-none sm:px-6">
      <p className="text-sm text-muted">
        <Link href="/teach" prefetch={false} className="underline">For instructors</Link> · <Link href="/teach/assign" className="underline">Make an assignment</Link>
      </p>
      <h1 className="mt-2 font-serif text-3xl font-semibold tracking-tight sm:text-4xl">Grade submissions</h1>
      <p className="mt-3 max-w-2xl text-muted">
        Paste the links your learners handed in, or upload a CSV. Each link is replayed here, in your browser, with the engine and seed it names, and its goals are
        checked on the replay. Nothing is sent anywhere.
      </p>
      <details className="mt-3 max-w-2xl text-sm text-muted">
        <summary className="cursor-pointer">What a pass proves, and what it cannot</summary>
        <p className="mt-2">
          A pass proves that the settings in the link, on the assigned lab and seed, meet the goals: the result follows from the settings, whoever claims it. A flag means the
          link claims something its replay does not reproduce, or was changed outside the lab (another seed, another preset, settings the assignment does not offer). Grading
          cannot tell who made a link: two learners can hand in the same one, and identical link fingerprints in the table show it.
        </p>
      </details>
      <GradeBoard presetHashes={presetHashes()} />
    </main>
  );
}
