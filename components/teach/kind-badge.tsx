import type { GalleryKind } from "@/lib/teach/gallery";

export const kindLabels: Record<GalleryKind, string> = { lab: "Lab", challenge: "Challenge", prediction: "Prediction" };

const kindStyles: Record<GalleryKind, string> = {
  lab: "bg-note-soft text-note",
  challenge: "bg-accent-soft text-accent-strong",
  prediction: "bg-ok-soft text-ok",
};

/** A small label naming what kind of item this is (text, not colour alone). */
export function KindBadge({ kind }: { kind: GalleryKind }) {
  return <span className={`inline-block shrink-0 rounded px-1.5 py-0.5 text-[0.7rem] font-semibold uppercase tracking-wide ${kindStyles[kind]}`}>{kindLabels[kind]}</span>;
}
