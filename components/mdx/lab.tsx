import { WidgetPlaceholder } from "./lab-placeholder";

/** Props of `<Lab>` (content/README.md). */
export interface LabProps {
  /** Preset id, "<group>/<name>" under content/scenarios/. */
  scenario: string;
  title?: string;
  /** "nodeId.field" paths the learner may change. */
  expose?: string[];
  /** Height of the lab in CSS pixels. */
  height?: number;
}

/** Default lab height in CSS pixels; the placeholder reserves exactly this much. */
export const defaultLabHeightPx = 440;

/**
 * Placeholder for the interactive lab (the lab itself belongs to components/lab/ and will be
 * loaded lazily behind a box of the same size). Server-safe: renders a static description.
 */
export function Lab({ scenario, title, expose, height = defaultLabHeightPx }: LabProps) {
  return (
    <figure className="not-prose" aria-label={`Interactive lab: ${title ?? scenario}`}>
      <WidgetPlaceholder kind="Interactive lab" title={title ?? scenario} scenario={scenario} heightPx={height}>
        {expose && expose.length > 0 ? (
          <p className="max-w-md text-xs text-faint">
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
