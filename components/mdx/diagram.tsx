import { WidgetPlaceholder } from "./lab-placeholder";

/** Props of `<Diagram>` (content/README.md). */
export interface DiagramProps {
  /** Preset id whose graph is drawn. */
  scenario: string;
  caption?: string;
}

/** Placeholder for the static drawing of a scenario's graph (owned by components/lab/). */
export function Diagram({ scenario, caption }: DiagramProps) {
  return (
    <figure>
      <WidgetPlaceholder kind="Diagram" title={caption ?? scenario} scenario={scenario} heightPx={280} />
      {caption ? <figcaption className="mt-2 text-center text-sm text-muted">{caption}</figcaption> : null}
    </figure>
  );
}
