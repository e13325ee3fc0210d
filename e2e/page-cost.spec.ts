// What a page render costs in Convex round trips: the local backend counts every function
// call (GET /_local/status), so this reads the counts before and after the server renders
// a page and asserts the budget: auth (one `getSessionAndUser` for a signed-in device,
// React `cache` shares it within the request) plus at most one query shaped for the page,
// which the browser then keeps live from the preloaded value. The figures are in the README.
import { expect, signInWithDemo, test, uniqueEmail } from "./fixtures";
import { E2E_CONVEX_URL } from "./ports";

async function callCounts(): Promise<Record<string, number>> {
  const response = await fetch(`${E2E_CONVEX_URL}/_local/status`);
  const { calls } = (await response.json()) as { calls: Record<string, number> };
  return calls;
}

function delta(before: Record<string, number>, after: Record<string, number>) {
  const changed: Record<string, number> = {};
  for (const [path, count] of Object.entries(after)) {
    const diff = count - (before[path] ?? 0);
    if (diff !== 0) changed[path] = diff;
  }
  return changed;
}

const AUTH = "authAdapter:getSessionAndUser";

test("each page render costs auth plus at most one Convex query", async ({ page }) => {
  await signInWithDemo(page, { email: uniqueEmail("cost"), name: "Cora Cost" });
  // Find a product of the demo store while the page is open, with something in the cart so
  // checkout renders a real order summary.
  await page.goto("/s/alpine");
  const productHref = await page
    .getByRole("list", { name: "Products" })
    .getByRole("link")
    .nth(1)
    .getAttribute("href");
  expect(productHref).toMatch(/^\/s\/alpine\/p\//);
  // Let the sign-in's own calls (and any after-response work) finish first, then leave the
  // app: an open page makes live calls of its own (its subscriptions, a session refresh on
  // focus), and the backend's counter would count those too. The request context below
  // still carries this device's cookies.
  await page.waitForLoadState("networkidle");
  await page.goto("about:blank");

  const budgets: [path: string, expected: Record<string, number>, shows: string][] = [
    ["/s/alpine", { [AUTH]: 1, "storefront:catalogPage": 1 }, "Alpine"],
    [productHref!, { [AUTH]: 1, "storefront:productPage": 1 }, "Add to cart"],
    ["/s/alpine/checkout", { [AUTH]: 1, "storefront:checkoutPage": 1 }, "Order summary"],
    ["/account/settings", { [AUTH]: 1, "settings:mine": 1 }, "Save settings"],
    ["/account/security", { [AUTH]: 1, "passkeys:listMine": 1 }, "Passkeys"],
    // The list is read live by the browser (a paginated query); the server adds nothing.
    ["/account/devices", { [AUTH]: 1 }, "Devices"],
    ["/account", { [AUTH]: 1 }, "Cora Cost"],
    ["/", { [AUTH]: 1, "stores:list": 1 }, "Stores"],
  ];
  for (const [path, expected, shows] of budgets) {
    const before = await callCounts();
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(200);
    const html = await response.text();
    expect(html, path).toContain("Cora Cost");
    expect(html, path).toContain(shows);
    const after = await callCounts();
    expect(delta(before, after), `Convex calls while rendering ${path}`).toEqual(expected);
  }
});

test("a signed-out render of the store and a product costs one query, and no auth call", async ({
  request,
}) => {
  const before = await callCounts();
  const response = await request.get("/s/alpine");
  expect(response.status()).toBe(200);
  expect(delta(before, await callCounts())).toEqual({ "storefront:catalogPage": 1 });
  const href = /href="(\/s\/alpine\/p\/[^"]+)"/.exec(await response.text())?.[1];
  expect(href).toBeTruthy();
  const beforeProduct = await callCounts();
  expect((await request.get(href!)).status()).toBe(200);
  expect(delta(beforeProduct, await callCounts())).toEqual({ "storefront:productPage": 1 });
});
