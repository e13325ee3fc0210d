// Convex's per-function limits, through ConvexHttpClient against the local backend: each limit
// fails the call with Convex's words, and a failed mutation leaves nothing behind.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConvexHttpClient } from "convex/browser";
import { anyApi } from "convex/server";
import { LIMITS } from "./limits";
import { startTestBackend, type TestBackend } from "./testing";

const api = anyApi;
const MiB = 1 << 20;
let backend: TestBackend;
let client: ConvexHttpClient;

beforeAll(async () => {
  backend = await startTestBackend();
  client = new ConvexHttpClient(backend.url);
});
afterAll(async () => {
  await backend?.cleanup();
});

async function failure(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  throw new Error("expected the call to fail");
}

async function clear(batch: number): Promise<void> {
  while ((await client.mutation(api.limits.clear, { batch })) > 0) {
    /* next batch */
  }
}

function nested(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

describe("Convex's per-function limits", () => {
  it("documents read: 32 000 per function", { timeout: 120_000 }, async () => {
    await clear(8000);
    await client.mutation(api.limits.fill, { count: 16_000 });
    await client.mutation(api.limits.fill, { count: 16_000 });
    expect(await client.query(api.limits.countBlobs, {})).toBe(32_000);
    await client.mutation(api.limits.fill, { count: 1 });
    expect(await failure(client.query(api.limits.countBlobs, {}))).toContain(
      "Too many documents read in a single function execution (limit: 32000). Consider using smaller limits in your queries, paginating your queries, or using indexed queries with a selective index range expressions.",
    );
    await clear(8000);
  });

  it("bytes read: 16 MiB per function", { timeout: 60_000 }, async () => {
    for (let i = 0; i < 17; i++)
      await client.mutation(api.limits.fill, { count: 1, bytes: MiB - 1024 });
    expect(await failure(client.query(api.limits.countBlobs, {}))).toContain(
      `Too many bytes read in a single function execution (limit: ${16 * MiB} bytes).`,
    );
    await clear(8);
  });

  it(
    "documents written: 16 000 per mutation, and nothing is committed",
    { timeout: 60_000 },
    async () => {
      const before: number = await client.query(api.limits.countBlobs, {});
      expect(await failure(client.mutation(api.limits.fill, { count: 16_001 }))).toContain(
        "Too many writes in a single function execution (limit: 16000)",
      );
      expect(await client.query(api.limits.countBlobs, {})).toBe(before);
    },
  );

  it("bytes written: 16 MiB per mutation", { timeout: 60_000 }, async () => {
    expect(
      await failure(client.mutation(api.limits.fill, { count: 17, bytes: MiB - 1024 })),
    ).toContain(`Too many bytes written in a single function execution (limit: ${16 * MiB} bytes)`);
  });

  it("index ranges read: 4 096 per function", async () => {
    const id: string = await client.mutation(api.limits.store, { data: "one" });
    expect(await client.query(api.limits.manyGets, { id, times: 4096 })).toBe(4096);
    expect(await failure(client.query(api.limits.manyGets, { id, times: 4097 }))).toContain(
      "Too many reads in a single function execution (limit: 4096)",
    );
  });

  it("scheduled functions: 1 000 per mutation", async () => {
    await client.mutation(api.limits.scheduleMany, { count: 1000 });
    expect(await failure(client.mutation(api.limits.scheduleMany, { count: 1001 }))).toContain(
      "Too many functions scheduled by this mutation (limit: 1000)",
    );
  });

  it(
    "execution time: 1 s of user code for a mutation (rolled back) and a query",
    { timeout: 120_000 },
    async () => {
      const before: number = await client.query(api.limits.countBlobs, {});
      expect(typeof (await client.mutation(api.limits.slowWrite, { steps: 1e5 }))).toBe("number");
      expect(await client.query(api.limits.countBlobs, {})).toBe(before + 1);
      expect(await failure(client.mutation(api.limits.slowWrite, { steps: 3e8 }))).toContain(
        "Function execution timed out (maximum duration: 1s)",
      );
      expect(await client.query(api.limits.countBlobs, {})).toBe(before + 1);
      expect(await failure(client.query(api.limits.slowRead, { steps: 3e8 }))).toContain(
        "Function execution timed out (maximum duration: 1s)",
      );
    },
  );

  it("arguments: 8 MiB", async () => {
    expect(await client.mutation(api.limits.echo, { value: "a".repeat(MiB) })).toBe(MiB);
    expect(
      await failure(
        client.mutation(api.limits.echo, {
          value: "a".repeat(LIMITS.argumentsBytes),
        }),
      ),
    ).toContain("Function arguments are too large");
  });

  it("return value: 16 MiB", async () => {
    expect(await client.query(api.limits.bigResult, { kib: 1024 })).toHaveLength(2);
    expect(await failure(client.query(api.limits.bigResult, { kib: 17 * 1024 }))).toContain(
      "Function return value is too large",
    );
  });

  it("document size: 1 MiB", async () => {
    expect(await failure(client.mutation(api.limits.store, { data: "z".repeat(MiB) }))).toContain(
      "Value is too large",
    );
  });

  it("nesting depth: 16 in a document, 64 in any value", async () => {
    await client.mutation(api.limits.store, { data: nested(15) });
    expect(await failure(client.mutation(api.limits.store, { data: nested(16) }))).toContain(
      "Document is too nested (nested 17 levels deep > maximum nesting 16)",
    );
    expect(await client.mutation(api.limits.echo, { value: nested(63) })).toBe(0);
    expect(await failure(client.mutation(api.limits.echo, { value: nested(64) }))).toContain(
      "Value is too nested (nested 65 levels deep > maximum nesting 64)",
    );
  });

  it("array length: 8 192 elements", async () => {
    await client.mutation(api.limits.store, { data: new Array(8192).fill(0) });
    expect(
      await failure(client.mutation(api.limits.store, { data: new Array(8193).fill(0) })),
    ).toContain("Array length is too long (8193 > maximum length 8192)");
  });

  it("fields per object: 1 024", async () => {
    const object = (n: number) =>
      Object.fromEntries(Array.from({ length: n }, (_, i) => [`f${i}`, i]));
    await client.mutation(api.limits.store, { data: object(1024) });
    expect(await failure(client.mutation(api.limits.store, { data: object(1025) }))).toContain(
      "Object has too many fields (1025 > maximum number 1024)",
    );
  });
});
