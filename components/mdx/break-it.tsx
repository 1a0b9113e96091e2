import { Children, isValidElement, type ReactElement, type ReactNode } from "react";
import { HammerIcon } from "@/components/ui/icons";
import type { ParamValue } from "@/lib/lab/edit-timeline";
import { BreakItIsland } from "./widget-islands";

/** Props of `<BreakIt>`: a task with **Change**, **Watch** and **Why** paragraphs as children. */
export interface BreakItProps {
  title: string;
  /** Preset id of the lab the card drives; default: the nearest `<Lab>` above the card. */
  lab?: string;
  /** The Change as data: parameter path ("nodeId.field") to its new value. */
  change?: Record<string, ParamValue>;
  /** Faults the Change adds, in the scenario's fault format. */
  faults?: Array<Record<string, unknown>>;
  /** Report metric paths the Watch paragraph names ("latencyMs.p99", "nodes.api.utilization"). */
  watch?: string[];
  children?: ReactNode;
}

/** Report metric paths, as a card's Watch paragraph writes them in code spans. */
const metricPath = /^(nodes|edges)\.[a-z0-9-]+\.[A-Za-z][\w.-]*$|^(requests|latencyMs|reasons)\.[A-Za-z]\w*$|^throughputPerSec$/;

type WithChildren = ReactElement<{ children?: ReactNode }>;

function text(node: ReactNode): string {
  if (typeof node === "string" || typeof node === "number") return String(node);
  if (Array.isArray(node)) return node.map(text).join("");
  if (isValidElement(node)) return text((node as WithChildren).props.children);
  return "";
}

/** Whether a paragraph opens with a bold label ("**Why** ..." or "**Why:** ..."). */
export function opensWith(node: ReactNode, label: string): boolean {
  if (!isValidElement(node)) return false;
  const first = Children.toArray((node as WithChildren).props.children)[0];
  return isValidElement(first) && text(first).trim().replace(/[:.]$/, "").trim().toLowerCase() === label.toLowerCase() && (first.type === "strong" || typeof first.type !== "string" || first.type === "b");
}

/** The code spans of a paragraph that read as report metric paths. */
function codePaths(node: ReactNode): string[] {
  const out: string[] = [];
  const walk = (n: ReactNode) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!isValidElement(n)) return;
    const t = text(n).trim();
    if (n.type === "code" && metricPath.test(t)) out.push(t);
    else Children.forEach((n as WithChildren).props.children, walk);
  };
  walk(node);
  return out;
}

function slug(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60) || "card";
}

/**
 * A "break it" task card placed after a lab. The Change and Watch paragraphs read as prose; with
 * `change`/`faults` the card gets "Try it", which drives its lab, and each Watch metric (the `watch`
 * prop, else the metric paths the Watch paragraph writes in code) becomes a chip that pins it onto
 * the lab. The Why paragraph(s) sit in a reveal that opens once the learner has run the change.
 */
export function BreakIt({ title, lab, change, faults, watch, children }: BreakItProps) {
  const nodes = Children.toArray(children);
  const whyAt = nodes.findIndex((n) => opensWith(n, "Why"));
  const body = whyAt >= 0 ? nodes.slice(0, whyAt) : nodes;
  const why = whyAt >= 0 ? nodes.slice(whyAt) : [];
  const watchParagraph = body.find((n) => opensWith(n, "Watch"));
  const watchPaths = watch ?? (watchParagraph ? [...new Set(codePaths(watchParagraph))] : []);
  return (
    <div role="group" aria-label={`Break it: ${title}`} className="rounded-2xl border border-dashed border-accent/50 bg-accent-soft/40 px-6 py-5 [&>p]:mt-3 [&>p:first-of-type]:mt-3" data-break-it={slug(title)} data-lab={lab}>
      <p className="!mt-0 flex items-center gap-2 text-xs font-semibold uppercase tracking-[0.08em] text-accent">
        <HammerIcon className="size-4" />
        Break it
      </p>
      <p className="!mt-1 font-serif text-xl font-semibold leading-snug">{title}</p>
      {body}
      <BreakItIsland title={title} cardId={slug(title)} lab={lab} change={change} faults={faults} watch={watchPaths}>
        {why.length ? why : undefined}
      </BreakItIsland>
    </div>
  );
}
