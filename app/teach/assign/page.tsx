import type { Metadata } from "next";
import Link from "next/link";
import { listPresetIds, loadPreset } from "@/lib/lab/presets";
import { controlFor, exposableParams } from "@/lib/lab/controls";
import { listChallenges } from "@/lib/assignments/challenges";
import { AssignBuilder } from "@/components/assignments/assign-builder";

export const metadata: Metadata = { title: "Make an assignment", description: "Turn a challenge or any lab into an assignment link: pinned preset, seed and goals, graded by replay." };

const one = (value: string | string[] | undefined) => (typeof value === "string" && value.length <= 200 ? value : undefined);

/**
 * `/teach/assign?scenario=<preset>&challenge=<challenge id>`: configure and copy an assignment link.
 * Without parameters: pick a challenge, or a lab to write your own goals for.
 */
export default async function AssignPage({ searchParams }: { searchParams: Promise<{ scenario?: string | string[]; challenge?: string | string[] }> }) {
  const params = await searchParams;
  const challenges = listChallenges();
  const challengeId = one(params.challenge);
  const challenge = challengeId ? challenges.find((c) => c.id === challengeId) : undefined;
  const scenarioId = challenge?.scenarioId ?? one(params.scenario);
  let problem: string | null = null;
  if (challengeId && !challenge) problem = `There is no challenge "${challengeId}".`;
  let scenario = null;
  if (scenarioId) {
    try {
      scenario = loadPreset(scenarioId);
      if (!scenario) problem = `There is no lab "${scenarioId}".`;
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
    }
  }

  return (
    <main id="main" tabIndex={-1} className="mx-auto max-w-4xl px-4 pb-12 pt-10 outline-none sm:px-6">
      <p className="text-sm text-muted">
        <Link href="/teach" prefetch={false} className="underline">For instructors</Link> · <Link href="/teach/grade" className="underline">Grade submissions</Link>
      </p>
      <h1 className="mt-2 font-serif text-3xl font-semibold tracking-tight sm:text-4xl">Make an assignment</h1>
      <p className="mt-3 max-w-2xl text-muted">
        An assignment link opens a lab with your goals above it. Learners change the settings you allow, press Submit and hand in the link it copies; grading replays that
        link with the same engine and seed, so the result is checked, not taken on trust.
      </p>
      {problem && (
        <p role="alert" className="mt-6 rounded-xl border border-line bg-warn-soft p-3 text-sm" data-testid="assign-problem">
          {problem} Choose one below.
        </p>
      )}
      {scenario && scenarioId ? (
        <AssignBuilder
          key={`${scenarioId}:${challenge?.id ?? ""}`}
          scenarioId={scenarioId}
          scenario={scenario}
          challenge={challenge ? { id: challenge.id, title: challenge.title, goals: challenge.goals, expose: challenge.expose, chapterTitle: challenge.chapterTitle } : null}
          controls={[...new Set([...(challenge?.expose ?? []), ...exposableParams(scenario)])].map((path) => ({ path, label: controlFor(scenario, path).label }))}
        />
      ) : (
        <Chooser challenges={challenges} />
      )}
    </main>
  );
}

function Chooser({ challenges }: { challenges: ReturnType<typeof listChallenges> }) {
  const presets = listPresetIds().flatMap((id) => {
    try {
      const p = loadPreset(id);
      return p ? [{ id, title: p.title ?? id }] : [];
    } catch {
      return [];
    }
  });
  const chapters = [...new Set(challenges.map((c) => c.chapterTitle))];
  return (
    <div className="mt-8 grid gap-8">
      <section aria-labelledby="from-challenge">
        <h2 id="from-challenge" className="font-serif text-2xl font-semibold">From a challenge</h2>
        <p className="mt-1 text-sm text-muted">The challenge&apos;s goals and controls, ready to hand out.</p>
        {chapters.map((chapter) => (
          <div key={chapter} className="mt-4">
            <h3 className="text-sm font-semibold">{chapter}</h3>
            <ul className="mt-1 grid gap-1 sm:grid-cols-2">
              {challenges.filter((c) => c.chapterTitle === chapter).map((c) => (
                <li key={c.id}>
                  <Link className="underline" href={`/teach/assign?scenario=${encodeURIComponent(c.scenarioId)}&challenge=${encodeURIComponent(c.id)}`} data-testid="assign-challenge">
                    {c.title}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </section>
      <section aria-labelledby="from-lab">
        <h2 id="from-lab" className="font-serif text-2xl font-semibold">Your own goals on any lab</h2>
        <form action="/teach/assign" method="get" className="mt-3 flex flex-wrap items-end gap-2">
          <label className="flex min-w-0 flex-col text-sm">
            Lab
            <select name="scenario" className="mt-1 max-w-full rounded-md border border-line bg-surface px-2 py-1.5">
              {presets.map((p) => (
                <option key={p.id} value={p.id}>{p.title} ({p.id})</option>
              ))}
            </select>
          </label>
          <button type="submit" className="h-9 rounded-lg bg-accent px-3 text-sm font-medium text-on-accent hover:bg-accent-strong">Write goals for this lab</button>
        </form>
      </section>
    </div>
  );
}
