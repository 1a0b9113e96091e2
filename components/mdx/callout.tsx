import type { ReactNode } from "react";
import { InfoIcon, LightbulbIcon, WarningIcon } from "@/components/ui/icons";

/** Props of `<Callout>`. */
export interface CalloutProps {
  kind?: "note" | "tip" | "warning";
  children?: ReactNode;
}

const styles = {
  note: { label: "Note", Icon: InfoIcon, box: "border-note/30 bg-note-soft", accent: "text-note" },
  tip: { label: "Tip", Icon: LightbulbIcon, box: "border-ok/30 bg-ok-soft", accent: "text-ok" },
  warning: { label: "Warning", Icon: WarningIcon, box: "border-warn/40 bg-warn-soft", accent: "text-warn" },
} as const;

/** An aside in the prose: a note, a tip or a warning. */
export function Callout({ kind = "note", children }: CalloutProps) {
  const { label, Icon, box, accent } = styles[kind] ?? styles.note;
  return (
    <div role="note" aria-label={label} className={`rounded-xl border px-5 py-4 text-[0.98rem] ${box}`}>
      <p className={`flex items-center gap-2 text-xs font-semibold uppercase tracking-[0.08em] ${accent}`}>
        <Icon className="size-4 shrink-0" />
        {label}
      </p>
      <div className="mt-1.5 min-w-0 [&>*+*]:mt-3">{children}</div>
    </div>
  );
}
