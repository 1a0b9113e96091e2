import { loadPreset } from "@/lib/lab/presets";
import { WidgetPlaceholder } from "./lab-placeholder";
import { LabWhenVisible } from "./widget-islands";
import { LabFidelityNote } from "@/components/fidelity/lab-fidelity-note";

/** Props of `<Lab>` (content/README.md). */
export interface LabProps {
  /** Preset id, "<group>/<name>" under content/scenarios/. */
  scenario: string;
  title?: string;
  /** "nodeId.field" paths the learner may change. */
  expose?: string[];
  /** Height of the lab's graph area in CSS pixels (the toolbar and charts add a fixed amount). */
  height?: number;
  /** The chart the lab leads with: "breaker", "queues", "hit-ratio", "replicas", "latency" or "throughput" (default: inferred from the scenario's kinds). */
  keyChart?: string;
}

/** Default lab height in CSS pixels; the placeholder reserves exactly this much. */
export const defaultLabHeightPx = 440;

/**
 * The interactive lab: the preset is read on the server and handed to LabIsland, which renders a
 * same-size placeholder with a static description and loads the lab's code when it scrolls into
 * view. A preset that does not exist or does not validate yet (a kind still being built) keeps the
 * static placeholder, so a chapter never fails to render because of a lab.
 */
export function Lab({ scenario, title, expose, height, keyChart }: LabProps) {
  let preset = null;
  try {
    preset = loadPreset(scenario);
  } catch {
    preset = null;
  }
  if (preset) {
    return (
      <figure className="lab-breakout lab-anchor not-prose" aria-label={`Interactive lab: ${title ?? preset.title ?? scenario}`} data-chapter-lab={scenario} data-lab-for={scenario}>
        <LabWhenVisible scenarioId={scenario} scenario={preset} title={title} expose={expose} height={height} keyChart={keyChart} />
        <LabFidelityNote scenario={preset} />
      </figure>
    );
  }
  return (
    <figure className="not-prose" aria-label={`Interactive lab: ${title ?? scenario}`}>
      <WidgetPlaceholder kind="Interactive lab" title={title ?? scenario} scenario={scenario} heightPx={height ?? defaultLabHeightPx}>
        {expose && expose.length > 0 ? (
          <p className="max-w-md text-xs text-muted">
            You will be able to change {expose.map((path, i) => (
              <span key={path}>
                {i > 0 ? ", " : ""}
                <code className="!text-[0.9em]">{path}</code>
              </span>
            ))}
            .
          </p>
        ) : null}
      </WidgetPlaceholder>
    </figure>
  );
}
