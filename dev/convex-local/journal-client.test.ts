// Query journals through the real ConvexClient: a subscribed page keeps the end it had on its
// first run, so a write that moves a row from the next page into it grows the page instead of
// pushing its last row out of every page (what "Load more" then showed as a missing device).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConvexHttpClient } from "convex/browser";
import { anyApi } from "convex/server";
import { startTestBackend, wsClient, waitFor, type TestBackend } from "./testing";

const api = anyApi;
let backend: TestBackend;

beforeAll(async () => {
  backend = await startTestBackend();
});
afterAll(async () => {
  await backend?.cleanup();
});

type Page = { page: { n: number }[]; continueCursor: string; isDone: boolean };

describe("query journals", () => {
  it("a page keeps its end cursor across re-runs, so the next page neither skips nor repeats", async () => {
    const http = new ConvexHttpClient(backend.url);
    const owner = "journal";
    // Twelve rows ranked 1..12; pages of 10 by rank, highest first.
    await http.mutation(api.indexed.insertItems, {
      items: Array.from({ length: 12 }, (_, i) => ({
        owner,
        rank: i + 1,
        meta: { color: "red" },
        n: 1000 + i + 1,
      })),
    });
    const spec = { index: "by_owner_rank", eq: [owner], order: "desc" };
    const client = wsClient(backend.url);
    try {
      const seen: Page[] = [];
      client.onUpdate(
        api.indexed.page,
        { ...spec, paginationOpts: { numItems: 10, cursor: null } },
        (p: Page) => seen.push(p),
      );
      await waitFor(() => seen.length, (n) => n > 0);
      const first = seen.at(-1)!;
      expect(first.page.map((d) => d.n)).toEqual(
        [1012, 1011, 1010, 1009, 1008, 1007, 1006, 1005, 1004, 1003],
      );

      // Row 1001 (on the next page) jumps to the top: the held page grows to 11 rows.
      await http.mutation(api.indexed.moveItem, { n: 1001, owner, rank: 100 });
      await waitFor(() => seen.at(-1)!.page.length, (n) => n === 11);
      const grown = seen.at(-1)!;
      expect(grown.page[0].n).toBe(1001);
      expect(grown.continueCursor).toBe(first.continueCursor);

      // The next page, from the cursor the client held, has the rest: every row exactly once.
      const next = (await http.query(api.indexed.page, {
        ...spec,
        paginationOpts: { numItems: 10, cursor: first.continueCursor },
      })) as Page;
      const all = [...grown.page, ...next.page].map((d) => d.n).sort();
      expect(all).toEqual(Array.from({ length: 12 }, (_, i) => 1000 + i + 1).sort());
    } finally {
      await client.close();
    }
  });
});
