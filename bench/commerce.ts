// Benchmarks of the app's own Convex functions on the local backend, through the real
// `convex` clients over WebSocket (one ConvexClient per device, each with its own token):
//   1. 50 devices add to their carts at once, 30 adds each: lost or duplicated updates,
//      mutation latency p50/p95, throughput.
//   2. 20 shoppers check out the last 5 units of one product at once: orders placed,
//      stock left, "sold out" answers.
//   3. "Sign out everywhere" for a user with 10 000 sessions: time until the caller's
//      device is signed out, and until the last session is gone.
// Run: `npm run bench:commerce`. Prints the machine and the numbers for README "Measured".
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ConvexClient, ConvexHttpClient } from "convex/browser";
import { wsClient } from "../dev/convex-local/testing";
import { makeFunctionReference } from "convex/server";
import { ConvexError } from "convex/values";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT } from "jose";
import { api } from "../convex/_generated/api";
import type { Id } from "../convex/_generated/dataModel";
import { formatSubject } from "../convex/shared/subject";
import { startLocalBackend } from "../dev/convex-local/index";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DEVICES = 50;
const ADDS = 30;
const BUYERS = 20;
const LAST_UNITS = 5;
const SESSIONS = 10_000;

type Shopper = { userId: Id<"users">; sessionId: Id<"sessions"> };
const shopRef = makeFunctionReference<
  "mutation",
  { shoppers: number; stock: number; prefix: string },
  { storeId: Id<"stores">; productId: Id<"products">; shoppers: Shopper[] }
>("loadTest:shop");
const sessionsRef = makeFunctionReference<
  "mutation",
  { userId: Id<"users">; count: number; prefix: string },
  Id<"sessions">[]
>("loadTest:sessions");
const sessionCountRef = makeFunctionReference<"query", { userId: Id<"users"> }, number>(
  "loadTest:sessionCount",
);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "bench-commerce-"));
  const { publicKey, privateKey } = await generateKeyPair("RS256", { extractable: true });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  const adminKey = randomBytes(24).toString("hex");
  const envFile = path.join(dir, ".env.convex.local");
  writeFileSync(
    envFile,
    [
      `CONVEX_AUTH_ADAPTER_SECRET=${randomBytes(24).toString("hex")}`,
      `JWKS=${JSON.stringify({ keys: [{ ...jwk, kid, alg: "RS256", use: "sig" }] })}`,
      // The benchmark's one user holds 10 000 sessions: over the default cap of 50.
      `MAX_SESSIONS_PER_USER=${SESSIONS * 2}`,
      "",
    ].join("\n"),
  );
  const backend = await startLocalBackend({
    projectDir: ROOT,
    port: 0,
    sitePort: 0,
    envFile,
    dataDir: path.join(dir, "data"),
    reset: true,
    watch: false,
    log: false,
    adminKey,
  });
  const admin = new ConvexHttpClient(backend.url);
  (admin as unknown as { setAdminAuth(key: string): void }).setAdminAuth(adminKey);
  const token = (s: Shopper) =>
    new SignJWT({})
      .setProtectedHeader({ alg: "RS256", kid, typ: "JWT" })
      .setSubject(formatSubject(s.userId, s.sessionId))
      .setIssuer(backend.siteUrl)
      .setAudience("convex")
      .setIssuedAt()
      .setExpirationTime("1h")
      .sign(privateKey);
  const clients: ConvexClient[] = [];
  const device = (s: Shopper) => {
    const client = wsClient(backend.url);
    client.setAuth(() => token(s));
    clients.push(client);
    return client;
  };

  try {
    const load = os.loadavg()[0].toFixed(2);
    console.log(
      `machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? "cpu"}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}, ${os.platform()} ${os.release()}, load ${load}`,
    );

    // 1. Carts.
    const carts = await admin.mutation(shopRef, { shoppers: DEVICES, stock: 100_000, prefix: "cart" });
    const cartDevices = carts.shoppers.map(device);
    // Warm up: each device authenticated and connected.
    await Promise.all(cartDevices.map((c) => c.query(api.carts.mine, { storeId: carts.storeId })));
    const latencies: number[] = [];
    const started = performance.now();
    await Promise.all(
      cartDevices.map(async (client) => {
        for (let i = 0; i < ADDS; i++) {
          const t0 = performance.now();
          await client.mutation(api.carts.add, {
            storeId: carts.storeId,
            productId: carts.productId,
            quantity: 1,
          });
          latencies.push(performance.now() - t0);
        }
      }),
    );
    const elapsed = performance.now() - started;
    const quantities = await Promise.all(
      cartDevices.map(async (c) => {
        const cart = await c.query(api.carts.mine, { storeId: carts.storeId });
        return cart.lines.reduce((sum, line) => sum + line.quantity, 0);
      }),
    );
    const lost = quantities.reduce((sum, q) => sum + Math.max(0, ADDS - q), 0);
    const duplicated = quantities.reduce((sum, q) => sum + Math.max(0, q - ADDS), 0);
    console.log(
      `carts: ${DEVICES} devices x ${ADDS} adds: lost ${lost}, duplicated ${duplicated}; ` +
        `latency p50 ${ms(percentile(latencies, 50))}, p95 ${ms(percentile(latencies, 95))}; ` +
        `${((DEVICES * ADDS) / (elapsed / 1000)).toFixed(0)} adds/s (${ms(elapsed)} in all)`,
    );

    // 2. The last units.
    const last = await admin.mutation(shopRef, { shoppers: BUYERS, stock: LAST_UNITS, prefix: "last" });
    const buyers = last.shoppers.map(device);
    // Authenticated and connected first, as a page that has loaded.
    await Promise.all(buyers.map((c) => c.query(api.carts.mine, { storeId: last.storeId })));
    // Each has one unit in the cart while there are still 5.
    await Promise.all(
      buyers.map((c) =>
        c.mutation(api.carts.add, { storeId: last.storeId, productId: last.productId, quantity: 1 }),
      ),
    );
    const answers = await Promise.all(
      buyers.map((c, i) =>
        c
          .mutation(api.orders.checkout, {
            storeId: last.storeId,
            idempotencyKey: `last-${i}`,
            shipping: {
              fullName: "Bench Buyer",
              line1: "1 Road",
              city: "Town",
              postalCode: "1010",
              country: "Austria",
            },
            card: { number: "4242 4242 4242 4242", expiry: "12/99", cvc: "123" },
          })
          .then(
            (result) => ("orderId" in result ? "order" : `declined: ${result.message}`),
            (error: unknown) =>
              error instanceof ConvexError
                ? `refused: ${(error.data as { message?: string }).message ?? "?"}`
                : `error: ${String(error)}`,
          ),
      ),
    );
    const orders = answers.filter((a) => a === "order").length;
    const soldOut = answers.filter((a) => a.startsWith("refused") && a.includes("sold out")).length;
    const product = await buyers[0].query(api.products.get, { productId: last.productId });
    const others = answers.filter((a) => a !== "order" && !(a.startsWith("refused") && a.includes("sold out")));
    console.log(
      `last units: ${BUYERS} checkouts for ${LAST_UNITS} units: ${orders} orders, stock left ${product?.stock}, ` +
        `${soldOut} "sold out" answers${others.length ? `; other answers: ${others.join(" | ")}` : ""}` +
        (soldOut ? ` (e.g. "${answers.find((a) => a.includes("sold out"))?.replace("refused: ", "")}")` : ""),
    );

    // 3. Sign out everywhere, 10 000 sessions.
    const everywhere = await admin.mutation(shopRef, { shoppers: 1, stock: 1, prefix: "many" });
    const owner = everywhere.shoppers[0];
    const more: Id<"sessions">[] = [];
    for (let made = 1; made < SESSIONS; made += 4000) {
      more.push(
        ...(await admin.mutation(sessionsRef, {
          userId: owner.userId,
          count: Math.min(4000, SESSIONS - made),
          prefix: `many-${made}`,
        })),
      );
    }
    const caller = device(owner);
    const lastOne = device({ userId: owner.userId, sessionId: more[more.length - 1] });
    const signedOut = (client: ConvexClient) =>
      new Promise<number>((resolve) => {
        const stop = client.onUpdate(api.sessions.current, {}, (state) => {
          if (state.status === "signedOut") {
            resolve(performance.now());
            stop();
          }
        });
      });
    // Both watching and live before the click.
    await Promise.all([caller, lastOne].map((c) => c.query(api.sessions.current, {})));
    const callerOut = signedOut(caller);
    const lastOut = signedOut(lastOne);
    const t0 = performance.now();
    const result = await caller.mutation(api.sessions.revokeAll, {});
    const answered = performance.now();
    const [callerAt, lastAt] = await Promise.all([callerOut, lastOut]);
    const left = await admin.query(sessionCountRef, { userId: owner.userId });
    console.log(
      `sign out everywhere: ${SESSIONS} sessions (answer ${JSON.stringify(result)}): mutation answered in ${ms(answered - t0)}, ` +
        `caller signed out after ${ms(callerAt - t0)}, last session gone after ${ms(lastAt - t0)}; sessions left ${left}`,
    );
  } finally {
    await Promise.all(clients.map((c) => c.close()));
    await backend.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
