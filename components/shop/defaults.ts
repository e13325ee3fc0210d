// Plain constants shared by server and client shop code (a "use client" module's
// exports would reach server components as client references, not values).

/**
 * The CSS variables that give a subtree the store's colour (globals.css --accent). Needed
 * on the store layout and again inside portals (the cart drawer), which render outside it.
 */
export function storeAccentStyle(accentColor: string): Record<string, string> {
  return { "--accent": accentColor, "--accent-foreground": "#ffffff" };
}
