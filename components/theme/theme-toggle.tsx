"use client";

import { useSyncExternalStore } from "react";
import { applyTheme, readAppliedTheme, type Theme } from "@/lib/theme/theme";
import { MoonIcon, SunIcon } from "@/components/ui/icons";

function subscribeToTheme(onChange: () => void) {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
  return () => observer.disconnect();
}

/**
 * Switches between light and dark and remembers the choice. The icons are chosen by CSS from
 * <html data-theme>, so the server-rendered button is already right before hydration.
 */
export function ThemeToggle() {
  const theme = useSyncExternalStore<Theme | null>(subscribeToTheme, readAppliedTheme, () => null);
  const next: Theme = theme === "dark" ? "light" : "dark";
  return (
    <button
      type="button"
      onClick={() => applyTheme(next)}
      className="inline-flex size-9 items-center justify-center rounded-lg text-muted transition-colors hover:bg-sunken hover:text-fg"
      aria-label={theme ? `Switch to ${next} theme` : "Switch colour theme"}
      title={theme ? `Switch to ${next} theme` : "Switch colour theme"}
    >
      <SunIcon className="hidden size-[1.15rem] dark:block" />
      <MoonIcon className="size-[1.1rem] dark:hidden" />
    </button>
  );
}
