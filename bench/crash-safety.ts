// Crash safety of the local backend with the app's own functions: 200 cart writes
// (`carts.setQuantity`, each on its own line of its own device's cart, so each one leaves a mark
// of its own), `kill -9` of the backend process right after the 200th acknowledgement, restart on
// the same data, then count how many acknowledged writes are there. 5 trials at each of 3 write
// patterns: all 200 at once, 10 in flight, one at a time. Target: 200/200 every time.
// Run: `npm run bench:crash-safety`. Prints one line per trial and a summary.
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT } from "jose";
import { ConvexHttpClient } from "convex/browser";
import { anyApi } from "convex/server";
import { startLocalBackend, type LocalBackend } from "../dev/convex-local/index";
import { formatSubject } from "../convex/shared/subject";

const api = anyApi;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const WRITES = 200;
const TRIALS = Number(process.env.TRIALS ?? 5);
const ONLY = process.env.ONLY;
// Cart writes are limited to a burst of 60 per device: 10 devices × 20 lines each.
const DEVICES = 10;
const PATTERNS = [
  { name: "all at once", inFlight: WRITES },
  { name: "10 in flight", inFlight: 10 },
  { name: "one at a time", inFlight: 1 },
];

type Line = { device: number; storeId: string; productId: string; quantity: number };

async function trial(inFlight: number): Promise<{ present: number; ms: number }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "crash-bench-"));
  const secret = randomBytes(24).toString("hex");
  const { publicKey, privateKey } = await generateKeyPair("RS256", { extractable: true });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  const envFile = path.join(dir, ".env.convex.local");
  writeFileSync(
    envFile,
    `CONVEX_AUTH_ADAPTER_SECRET=${secret}\nJWKS=${JSON.stringify({ keys: [{ ...jwk, kid, alg: "RS256", use: "sig" }] })}\n`,
  );
  const options = {
    projectDir: ROOT,
    envFile,
    dataDir: path.join(dir, "data"),
    watch: false,
    log: false,
  };
  let backend: LocalBackend = await startLocalBackend({
    ...options,
    port: 0,
    sitePort: 0,
    reset: true,
    seed: "seed:init",
  });
  try {
    const anon = new ConvexHttpClient(backend.url);
    // A token as the Next.js server mints one (server/convex-token.ts, which only a server
    // component may import): RS256, issuer = the site URL, audience "convex".
    const tokenFor = (userId: string, sessionId: string) =>
      new SignJWT({})
        .setProtectedHeader({ alg: "RS256", kid, typ: "JWT" })
        .setSubject(formatSubject(userId, sessionId))
        .setIssuer(backend.siteUrl)
        .setAudience("convex")
        .setIssuedAt()
        .setExpirationTime("1h")
        .sign(privateKey);
    // Devices: one user, DEVICES sessions, each with a Convex token as the Next.js server mints.
    const user = (await anon.mutation(api.authAdapter.createUser, {
      secret,
      email: `crash-${randomUUID()}@example.com`,
    })) as { id: string };
    const clients: ConvexHttpClient[] = [];
    for (let d = 0; d < DEVICES; d++) {
      const session = (await anon.mutation(api.authAdapter.createSession, {
        secret,
        sessionToken: randomUUID(),
        userId: user.id,
        expires: Date.now() + 3_600_000,
      })) as { id: string };
      const token = await tokenFor(user.id, session.id);
      const c = new ConvexHttpClient(backend.url);
      c.setAuth(token);
      clients.push(c);
    }
    const stores = (await anon.query(api.stores.list, {})) as { _id: string }[];
    const products: { storeId: string; productId: string }[] = [];
    for (const s of stores) {
      for (const p of (await anon.query(api.products.list, { storeId: s._id })) as {
        _id: string;
        stock: number;
      }[]) {
        if (p.stock >= 3) products.push({ storeId: s._id, productId: p._id });
      }
    }
    const perDevice = WRITES / DEVICES;
    if (products.length < perDevice) throw new Error("not enough products in the seed");
    const lines: Line[] = Array.from({ length: WRITES }, (_, i) => ({
      device: i % DEVICES,
      ...products[Math.floor(i / DEVICES)],
      quantity: 1 + (i % 3),
    }));

    const acked: Line[] = [];
    let next = 0;
    const started = performance.now();
    const worker = async () => {
      while (next < lines.length) {
        const line = lines[next++];
        await clients[line.device].mutation(api.carts.setQuantity, {
          storeId: line.storeId,
          productId: line.productId,
          quantity: line.quantity,
        });
        acked.push(line);
      }
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
    const ms = performance.now() - started;
    // kill -9 right after the last acknowledgement.
    await backend.kill();

    backend = await startLocalBackend({
      ...options,
      port: Number(new URL(backend.url).port),
      sitePort: Number(new URL(backend.siteUrl).port),
    });
    // Same ports, so the device clients and their tokens (issuer = site URL) still work.
    let present = 0;
    for (const s of stores) {
      for (let d = 0; d < DEVICES; d++) {
        const cart = (await clients[d].query(api.carts.mine, { storeId: s._id })) as {
          lines: { productId: string; quantity: number }[];
        };
        for (const line of acked) {
          if (line.device !== d || line.storeId !== s._id) continue;
          const found = cart.lines.find((l) => l.productId === line.productId);
          if (found?.quantity === line.quantity) present += 1;
        }
      }
    }
    return { present, ms };
  } finally {
    await backend.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  console.log(
    `machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? "cpu"}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}, load ${os.loadavg()[0].toFixed(2)}`,
  );
  const summary: string[] = [];
  for (const pattern of PATTERNS.filter((p) => !ONLY || p.name === ONLY)) {
    const results: string[] = [];
    let all = true;
    let rate = 0;
    for (let t = 1; t <= TRIALS; t++) {
      const { present, ms } = await trial(pattern.inFlight);
      all &&= present === WRITES;
      rate += WRITES / (ms / 1000);
      results.push(`${present}/${WRITES}`);
      console.log(
        `${pattern.name.padEnd(14)} trial ${t}: ${present}/${WRITES} acknowledged writes present after kill -9 (${(WRITES / (ms / 1000)).toFixed(0)} writes/s)`,
      );
    }
    summary.push(
      `| ${pattern.name} | ${results.join(", ")} | ${(rate / TRIALS).toFixed(0)} | ${all ? "yes" : "**no**"} |`,
    );
  }
  console.log("\n| pattern | present after kill -9 (5 trials) | writes/s | 200/200 every time |");
  console.log("|---|---|---|---|");
  for (const line of summary) console.log(line);
}

void main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
