"use client";
/**
 * How the lab around a component is presented: embed options (read-only, shown and locked controls,
 * hidden panels) and whether it is embedded. Labs read it with {@link useLabChrome}; a chapter lab
 * has the defaults. Kept apart from the lab store because it is set by the page, not the learner.
 */
import { createContext, useContext } from "react";
import { DEFAULT_EMBED_OPTIONS, controlState, type EmbedOptions, type EmbedPanel } from "@/lib/share/embed-options";

export interface LabChrome {
  embedded: boolean;
  options: EmbedOptions;
}

export const LabChromeContext = createContext<LabChrome>({ embedded: false, options: DEFAULT_EMBED_OPTIONS });

export function useLabChrome() {
  const chrome = useContext(LabChromeContext);
  return {
    ...chrome,
    hidden: (panel: EmbedPanel) => chrome.options.hide.includes(panel),
    control: (path: string) => controlState(chrome.options, path),
  };
}
