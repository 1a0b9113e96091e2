import type { ReactNode } from "react";
import { FlaskIcon } from "@/components/ui/icons";

/**
 * The box an interactive widget (lab, diagram, challenge run) occupies before it loads.
 * It has the widget's final height, so nothing below it moves when the widget arrives.
 */
export function WidgetPlaceholder({
  kind,
  title,
  scenario,
  heightPx,
  children,
}: {
  kind: string;
  title: string;
  scenario: string;
  heightPx: number;
  children?: ReactNode;
}) {
  return (
    <div
      className="flex flex-col items-center justify-center gap-2 overflow-hidden rounded-2xl border border-line bg-[radial-gradient(var(--fl-line)_1px,transparent_1px)] bg-sunken px-6 text-center [background-size:18px_18px]"
      style={{ height: heightPx }}
      data-scenario={scenario}
      data-widget={kind.toLowerCase()}
    >
      <FlaskIcon className="size-6 text-faint" />
      <p className="font-semibold">
        {kind}: {title}
      </p>
      <p className="max-w-md text-sm text-muted">
        Scenario <code className="!text-[0.85em]">{scenario}</code>. Enable JavaScript to run it.
      </p>
      {children}
    </div>
  );
}
