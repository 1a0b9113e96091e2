/**
 * Colour theme: "light" or "dark" stored in localStorage, else the system preference.
 * The resolved theme is written to `<html data-theme>`, which the CSS tokens key on.
 */

/** localStorage key of the learner's explicit choice (absent = follow the system). */
export const themeStorageKey = "faultline:theme";

/** A resolved colour theme. */
export type Theme = "light" | "dark";

/**
 * Source of the blocking inline script for <head>: applies the theme before first paint, so
 * there is no flash of the wrong colours, and follows system changes while no choice is stored.
 */
export const themeInitScript = `(function(){try{var k=${JSON.stringify(themeStorageKey)},d=document.documentElement,m=window.matchMedia("(prefers-color-scheme: dark)");function a(){var s=localStorage.getItem(k);d.dataset.theme=s==="light"||s==="dark"?s:m.matches?"dark":"light"}a();m.addEventListener("change",a);window.addEventListener("storage",function(e){if(e.key===k)a()})}catch(e){}})();`;

/** Reads the theme currently applied to the document (browser only). */
export function readAppliedTheme(): Theme {
  return document.documentElement.dataset.theme === "dark" ? "dark" : "light";
}

/** Applies and stores an explicit theme choice (browser only). */
export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  try {
    localStorage.setItem(themeStorageKey, theme);
  } catch {
    // Storage can be unavailable (private mode, blocked cookies); the choice then lasts for this page.
  }
}
