// CLI for the demo OpenID provider on its own (normally `npm run dev` starts it):
//   npx tsx dev/oidc/cli.ts [--port 4010] [--host 127.0.0.1] [--issuer URL]
//     [--client-id ID] [--client-secret S] [--redirect-uri URI ...]
// Defaults come from DEMO_OIDC_* and AUTH_URL in the environment, else the dev values.
import { parseArgs } from "node:util";
import { PortInUseError } from "../http";
import { startDemoOidc } from "./index";

const { values } = parseArgs({
  options: {
    port: { type: "string" },
    host: { type: "string" },
    issuer: { type: "string" },
    "client-id": { type: "string" },
    "client-secret": { type: "string" },
    "redirect-uri": { type: "string", multiple: true },
  },
});

const appUrl = process.env.AUTH_URL ?? "http://localhost:3000";
try {
  const oidc = await startDemoOidc({
    port: Number(values.port ?? 4010),
    host: values.host,
    issuer: values.issuer ?? process.env.DEMO_OIDC_ISSUER,
    clientId:
      values["client-id"] ??
      process.env.DEMO_OIDC_CLIENT_ID ??
      "session-commerce-dev",
    clientSecret:
      values["client-secret"] ??
      process.env.DEMO_OIDC_CLIENT_SECRET ??
      "dev-secret",
    redirectUris: values["redirect-uri"] ?? [
      `${appUrl}/api/auth/callback/demo`,
    ],
  });
  console.log(`demo OIDC provider: ${oidc.issuer}`);
  const stop = () => void oidc.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
} catch (error) {
  console.error(error instanceof PortInUseError ? error.message : error);
  process.exit(1);
}
