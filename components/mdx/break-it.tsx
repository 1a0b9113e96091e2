import type { ReactNode } from "react";
import { HammerIcon } from "@/components/ui/icons";

/** Props of `<BreakIt>`: a task with **Change**, **Watch** and **Why** paragraphs as children. */
export interface BreakItProps {
  title: string;
  /** Preset id of the lab the card drives; default: the nearest `<Lab>` above the card. */
  lab?: string;
  /** The Change as data: parameter path ("nodeId.field") to its new value. */
  change?: Record<string, number | boolean | string | null>;
  /** Faults the Change adds, in the scenario's fault format. */
  faults?: Array<Record<string, unknown>>;
  /** Report metric paths the Watch paragraph names ("latencyMs.p99", "nodes.api.utilization"). */
  watch?: string[];
  children?: ReactNode;
}

/** A "break it" task card placed after a lab. */
export function BreakIt({ title, children }: BreakItProps) {
  return (
    <div role="group" aria-label={`Break it: ${title}`} className="rounded-2xl border border-dashed border-accent/50 bg-accent-soft/40 px-6 py-5 [&>p]:mt-3 [&>p:first-of-type]:mt-3">
      <p className="!mt-0 flex items-center gap-2 text-xs font-semibold uppercase tracking-[0.08em] text-accent">
        <HammerIcon className="size-4" />
        Break it
      </p>
      <p className="!mt-1 font-serif text-xl font-semibold leading-snug">{title}</p>
      {children}
    </div>
  );
}
