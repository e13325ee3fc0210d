// Ports of the end-to-end stack (docs/contracts.md): distinct from `npm run dev`'s so both can run.
export const E2E_PORTS = {
  app: 3100,
  convex: 3310,
  convexSite: 3311,
  oidc: 4110,
  mail: 4120,
} as const;

export const E2E_APP_URL = `http://localhost:${E2E_PORTS.app}`;
export const E2E_MAIL_URL = `http://127.0.0.1:${E2E_PORTS.mail}`;
export const E2E_CONVEX_URL = `http://127.0.0.1:${E2E_PORTS.convex}`;
