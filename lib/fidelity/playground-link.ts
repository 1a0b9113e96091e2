/** "Run this check": a playground link (URL fragment, format 2) that opens a fidelity row's scenario. */
import type { Scenario } from "@/simulations";
import { initialEdits } from "@/lib/lab/edit-timeline";
import { encodeLabLink } from "@/lib/share/lab-link";
import { DEFAULT_VIEW } from "@/lib/share/link-state";

/** `/playground#…` for `scenario`, with `rowId` as its origin (`fidelity/<row id>`). */
export function playgroundHref(rowId: string, scenario: Scenario): string {
  return `/playground#${encodeLabLink({ scenarioId: `fidelity/${rowId}`, title: scenario.title, scenario, expose: [], edits: initialEdits(scenario), seed: scenario.seed, timeMs: 0, view: DEFAULT_VIEW })}`;
}
