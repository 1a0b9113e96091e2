import Link from "next/link";
import type { Scenario } from "@/simulations";
import { labFidelityNote } from "@/lib/fidelity/lab-notes";

const list = (items: string[]) => (items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`);

/**
 * One quiet line under a lab: what it models, what it leaves out, and a link to the /fidelity rows
 * that check it. Derived from the scenario's node kinds (lib/fidelity/lab-notes.ts). Under chapter
 * labs it renders on the server (no JavaScript, shown before the lab loads); the playground, shared
 * links and embeds show it under their lab too.
 */
export function LabFidelityNote({ scenario, newTab = false }: { scenario: Pick<Scenario, "nodes">; /** In an embed: open /fidelity in a new tab, not inside the frame. */ newTab?: boolean }) {
  const note = labFidelityNote(scenario);
  if (note.models.length === 0) return null;
  return (
    <p className="mt-2 text-xs leading-relaxed text-muted" data-testid="lab-fidelity-note">
      Models {list(note.models)}; leaves out {list(note.leavesOut)}.{" "}
      <Link href={`/fidelity#${note.family}`} {...(newTab ? { target: "_blank", rel: "noopener" } : {})} className="whitespace-nowrap underline decoration-line underline-offset-2 hover:text-fg">
        How exact is this? →
      </Link>
    </p>
  );
}
