/** How each hop outcome is drawn: colour AND shape AND a name, so colour is never the only signal. */
import type { HopOutcome } from "@/lib/lab/protocol";

export const outcomeStyles: Record<HopOutcome, { label: string; colourVar: string; fallback: string; shape: "circle" | "cross" | "square" | "triangle" | "diamond" }> = {
  ok: { label: "Success", colourVar: "--fl-ok", fallback: "#15803d", shape: "circle" },
  error: { label: "Failure", colourVar: "--fl-danger", fallback: "#dc2626", shape: "cross" },
  dropped: { label: "Dropped", colourVar: "--fl-warn", fallback: "#a15c07", shape: "square" },
  rejected: { label: "Rejected", colourVar: "--fl-danger", fallback: "#dc2626", shape: "triangle" },
  retry: { label: "Retry", colourVar: "--fl-note", fallback: "#1d4ed8", shape: "diamond" },
};

export const outcomeGlyph: Record<HopOutcome, string> = { ok: "●", error: "✕", dropped: "■", rejected: "▲", retry: "◆" };
