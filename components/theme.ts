// Theme (light / dark / system) lives in a cookie so the server and the pre-paint
// script agree on first render, with no flash. The per-device setting in Convex is
// the source of truth for the settings page; whoever changes it calls `applyTheme`
// so this device's cookie and <html> class follow at once.
export const THEME_COOKIE = "theme";
export const THEMES = ["light", "dark", "system"] as const;
export type Theme = (typeof THEMES)[number];

export function parseTheme(value: string | null | undefined): Theme {
  return value === "light" || value === "dark" ? value : "system";
}

/**
 * Runs in <head> before the body paints. Plain ES5, no imports: it is inlined as a
 * string. It also follows the OS setting live while the theme is "system".
 */
export const themeScript = `(function(){try{var d=document.documentElement;var m=document.cookie.match(/(?:^|; )${THEME_COOKIE}=(light|dark|system)/);var t=m?m[1]:"system";var q=window.matchMedia("(prefers-color-scheme: dark)");var apply=function(){var dark=t==="dark"||(t==="system"&&q.matches);d.classList.toggle("dark",dark);d.style.colorScheme=dark?"dark":"light";d.dataset.theme=t;};apply();if(t==="system"&&q.addEventListener){q.addEventListener("change",apply);}}catch(e){}})();`;

/** Client side: store the theme for this device (one year) and apply it now. */
export function applyTheme(theme: Theme): void {
  const secure = window.location.protocol === "https:" ? "; Secure" : "";
  document.cookie = `${THEME_COOKIE}=${theme}; Path=/; Max-Age=31536000; SameSite=Lax${secure}`;
  const root = document.documentElement;
  const dark =
    theme === "dark" ||
    (theme === "system" && window.matchMedia("(prefers-color-scheme: dark)").matches);
  root.classList.toggle("dark", dark);
  root.style.colorScheme = dark ? "dark" : "light";
  root.dataset.theme = theme;
}
