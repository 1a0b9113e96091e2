import type { Metadata } from "next";
import Link from "next/link";
import { listPresetIds, loadPreset } from "@/lib/lab/presets";
import { Playground } from "@/components/playground/playground";

export const metadata: Metadata = { title: "Playground" };

const DEFAULT_PRESET = "load-balancing/crash-behind-lb";

export default async function PlaygroundPage({ searchParams }: { searchParams: Promise<{ scenario?: string | string[] }> }) {
  const requested = (await searchParams).scenario;
  const id = typeof requested === "string" ? requested : DEFAULT_PRESET;
  let problem: string | null = null;
  let scenario = null;
  try {
    scenario = loadPreset(id);
    if (!scenario) problem = `There is no preset "${id}".`;
  } catch (error) {
    problem = error instanceof Error ? error.message : String(error);
  }
  const ids = listPresetIds();
  return (
    <main className="flex h-[calc(100dvh-var(--fl-header-h,0px))] min-h-[700px] flex-col bg-bg text-fg">
      <form className="flex flex-wrap items-center gap-2 border-b border-line bg-surface px-3 py-2 text-sm" action="/playground">
        <h1 className="font-semibold">Playground</h1>
        <Link href="/learn" className="text-muted underline-offset-2 hover:underline">
          Back to the course
        </Link>
        <label className="ml-auto flex items-center gap-1.5">
          Preset
          <select name="scenario" defaultValue={id} className="h-8 max-w-[60vw] rounded-md border border-line bg-surface px-1.5">
            {ids.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="h-8 rounded-md border border-line px-2.5">
          Open
        </button>
      </form>
      <div className="min-h-0 flex-1 p-2">
        {scenario ? (
          <Playground presetId={id} scenario={scenario} />
        ) : (
          <p role="alert" className="whitespace-pre-wrap p-6">
            {problem}
          </p>
        )}
      </div>
    </main>
  );
}
