import type { Scenario } from "@/simulations";
import { loadPreset } from "@/lib/lab/presets";
import { DiagramWhenVisible } from "./widget-islands";
import { WidgetPlaceholder } from "./lab-placeholder";

/** Props of `<Diagram>` (content/README.md). */
export interface DiagramProps {
  /** Preset id whose graph is drawn. */
  scenario: string;
  caption?: string;
}

const HEIGHT_PX = 280;

/** The graph as text: every node with its kind, every link (what screen readers and no-JS readers get). */
function GraphText({ preset, id }: { preset: Scenario; id: string }) {
  return (
    <div id={id} className="sr-only" data-testid="diagram-text">
      <p>
        {preset.nodes.length} nodes and {preset.edges.length} links.
      </p>
      <ul aria-label="Nodes">
        {preset.nodes.map((n) => (
          <li key={n.id}>
            {n.id} ({n.kind})
          </li>
        ))}
      </ul>
      <ul aria-label="Links">
        {preset.edges.map((e, i) => (
          <li key={`${e.from}-${e.to}-${i}`}>
            {e.from} to {e.to}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * A static drawing of a preset's graph with the lab's layout and node components, and no simulation.
 * The figure, its caption and the text list of nodes and links render on the server; the drawing
 * loads lazily on the client (xyflow only, no worker). The drawing is hidden from assistive
 * technology because the list says the same thing.
 */
export function Diagram({ scenario, caption }: DiagramProps) {
  let preset: Scenario | null = null;
  try {
    preset = loadPreset(scenario);
  } catch {
    preset = null;
  }
  const label = caption ?? preset?.title ?? scenario;
  if (!preset) {
    return (
      <figure>
        <WidgetPlaceholder kind="Diagram" title={label} scenario={scenario} heightPx={HEIGHT_PX} />
        {caption ? <figcaption className="mt-2 text-center text-sm text-muted">{caption}</figcaption> : null}
      </figure>
    );
  }
  const textId = `diagram-${scenario.replace("/", "-")}-text`;
  const fallback = (
    <div className="flex h-full items-center justify-center p-4 text-center text-sm text-muted">
      {preset.nodes.map((n) => n.id).join(" · ")}
    </div>
  );
  return (
    <figure className="not-prose my-6" aria-label={`Diagram: ${label}`} data-testid="diagram" data-scenario={scenario}>
      <div aria-hidden="true">
        <DiagramWhenVisible scenarioId={scenario} scenario={preset} heightPx={HEIGHT_PX} fallback={fallback} />
      </div>
      <GraphText preset={preset} id={textId} />
      {caption ? <figcaption className="mt-2 text-center text-sm text-muted">{caption}</figcaption> : null}
    </figure>
  );
}
