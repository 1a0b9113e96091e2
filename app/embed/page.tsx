import type { Metadata } from "next";
import { loadPreset } from "@/lib/lab/presets";
import { exposableParams } from "@/lib/lab/controls";
import { EmbedView } from "@/components/share/embed-view";
import { OembedLink } from "@/components/teach/oembed-link";

export const metadata: Metadata = { title: "Embedded lab", robots: { index: false } };

const DEFAULT_PRESET = "queues/mm1-80";

/** `/embed?<options>#<state>`: a lab alone, for iframes (the only page other sites may frame). */
export default function EmbedPage() {
  const scenario = loadPreset(DEFAULT_PRESET)!;
  return (
    <>
      <EmbedView fallback={{ scenarioId: DEFAULT_PRESET, scenario, expose: exposableParams(scenario) }} />
      <OembedLink path="/embed" title="Embedded lab" />
    </>
  );
}
