// CLI for the mail catcher on its own (normally `npm run dev` starts it):
//   npx tsx dev/mail-catcher/cli.ts [--port 4020] [--host 127.0.0.1] [--store-dir .dev/mail]
import { parseArgs } from "node:util";
import { PortInUseError } from "../http";
import { startMailCatcher } from "./index";

const { values } = parseArgs({
  options: {
    port: { type: "string" },
    host: { type: "string" },
    "store-dir": { type: "string" },
  },
});

try {
  const catcher = await startMailCatcher({
    port: Number(values.port ?? 4020),
    host: values.host,
    storeDir: values["store-dir"],
    onMessage: (m) =>
      console.log(
        `caught "${m.subject}" for ${m.to.join(", ")}: ${catcher.url}/messages/${m.id}`,
      ),
  });
  console.log(`mail catcher: ${catcher.url} (RESEND_BASE_URL=${catcher.url})`);
  const stop = () => void catcher.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
} catch (error) {
  console.error(error instanceof PortInUseError ? error.message : error);
  process.exit(1);
}
