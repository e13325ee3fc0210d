// Ports of the end-to-end stack (docs/contracts.md): distinct from `npm run dev`'s so both can run.
// `E2E_PORT_OFFSET` shifts all of them, so two checkouts can run their suites side by side.
const offset = Number(process.env.E2E_PORT_OFFSET ?? 0) || 0;

export const E2E_PORTS = {
  /** What the browser opens: the forwarding proxy (dev/forwarding-proxy.ts) in front of… */
  app: 3100 + offset,
  /** …`next start`, reached only through it. */
  next: 3150 + offset,
  convex: 3310 + offset,
  convexSite: 3311 + offset,
  oidc: 4110 + offset,
  mail: 4120 + offset,
} as const;

export const E2E_APP_URL = `http://localhost:${E2E_PORTS.app}`;
export const E2E_MAIL_URL = `http://127.0.0.1:${E2E_PORTS.mail}`;
export const E2E_CONVEX_URL = `http://127.0.0.1:${E2E_PORTS.convex}`;
