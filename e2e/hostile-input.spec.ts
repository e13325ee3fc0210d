// Hostile input, through every form and straight at Convex with the real client: absurd
// lengths, numbers that are not numbers, markup, text that hides characters, and ids of
// other people's or other stores' rows. Each gets a message a person understands, and
// nothing is stored.
import { ConvexError } from "convex/values";
import { ConvexHttpClient } from "convex/browser";
import type { Page } from "@playwright/test";
import { api } from "../convex/_generated/api";
import type { Id } from "../convex/_generated/dataModel";
import { allMail, expect, signInWithDemo, test, uniqueEmail } from "./fixtures";
import { E2E_CONVEX_URL } from "./ports";
import { SHIPPING, ShopPage, TEST_CARD } from "./shop.page";

const HUGE = "x".repeat(10_000);
const RTL_OVERRIDE = "Spring\u202Edleif";
const ZERO_WIDTH = "Work\u200Blaptop";
const MARKUP = `<img src=x onerror="window.__pwned=1">`;

/** The Convex token this page's device holds, as the browser's Convex client gets it. */
async function convexAs(page: Page): Promise<{ client: ConvexHttpClient; sessionId: string }> {
  const session = (await (await page.request.get("/api/auth/session")).json()) as {
    convexToken: string;
    sessionId: string;
  };
  const client = new ConvexHttpClient(E2E_CONVEX_URL);
  client.setAuth(session.convexToken);
  return { client, sessionId: session.sessionId };
}

/** The error code a Convex call failed with ("ArgumentValidation" for a validator refusal). */
async function refusal(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (error) {
    if (error instanceof ConvexError) return (error.data as { code: string }).code;
    if (String(error).includes("ArgumentValidationError")) return "ArgumentValidation";
    throw error;
  }
  throw new Error("the call was accepted");
}

test("the sign-in form refuses absurd addresses in words and sends nothing", async ({ page }) => {
  await page.goto("/signin");
  for (const email of [`${HUGE}@example.test`, `<script>alert(1)</script>@example.test`, `a\u202E@example.test`]) {
    await page.getByLabel("E-mail address").fill(email);
    await page.getByRole("button", { name: "E-mail me a sign-in link" }).click();
    await expect(page.getByText(/Enter a valid e-mail address|e-mail address is too long/)).toBeVisible();
    await expect(page).toHaveURL(/\/signin/);
    expect(await allMail(email)).toEqual([]);
  }
});

test("device names: too long or hiding characters are refused; markup is kept as text", async ({
  page,
}) => {
  let alerted = false;
  page.on("dialog", (dialog) => {
    alerted = true;
    void dialog.dismiss();
  });
  await signInWithDemo(page, { email: uniqueEmail("hostile-name"), name: "Hal Hostile" });
  await page.goto("/account/devices");
  const rename = page.getByRole("button", { name: /^Rename/ }).first();
  const dialog = page.getByRole("dialog");

  for (const [label, message] of [
    [HUGE, "Keep the device name to 40 characters or fewer."],
    [ZERO_WIDTH, /invisible or direction-changing/],
    [`Work\u202Epotpal`, /invisible or direction-changing/],
  ] as const) {
    await rename.click();
    await dialog.getByLabel("Device name").fill(label);
    await dialog.getByRole("button", { name: "Save name" }).click();
    await expect(dialog.getByText(message)).toBeVisible();
    await page.keyboard.press("Escape");
  }
  await page.reload();
  await expect(page.getByRole("heading", { level: 2 }).first()).not.toContainText("Work");

  await rename.click();
  await dialog.getByLabel("Device name").fill(MARKUP);
  await dialog.getByRole("button", { name: "Save name" }).click();
  await expect(dialog).toBeHidden();
  await page.reload();
  await expect(page.getByRole("heading", { name: MARKUP, exact: true })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBe(
    undefined,
  );
  expect(alerted).toBe(false);
});

test("checkout: absurd and hidden-character fields are named, nothing is ordered; markup is just text", async ({
  page,
}) => {
  await signInWithDemo(page, { email: uniqueEmail("hostile-checkout"), name: "Cat Checkout" });
  const shop = new ShopPage(page, "alpine");
  await shop.open();
  await page.getByRole("button", { name: /^Add to cart: / }).first().click();
  await shop.expectCartCount(1);
  await page.goto("/s/alpine/checkout");

  await shop.fillCheckout(TEST_CARD);
  await page.getByLabel("Full name").fill(HUGE);
  await page.getByLabel("City").fill(RTL_OVERRIDE);
  await page.getByLabel("Card number").fill("NaN");
  await page.getByLabel("Expiry (MM/YY)").fill("99/99");
  await page.getByLabel("Security code (CVC)").fill("1e9");
  await shop.placeOrder();
  await expect(page.getByText("Your order was not placed")).toBeVisible();
  await expect(page.getByText("Keep your full name to 100 characters or fewer")).toBeVisible();
  await expect(page.getByText(/invisible or direction-changing/)).toBeVisible();
  await expect(page.getByText("Check the card number; it is not a valid card number")).toBeVisible();
  await expect(page.getByText("Enter the expiry date as MM/YY")).toBeVisible();
  await expect(page.getByText("Enter the 3 or 4 digit security code")).toBeVisible();
  await page.goto("/account/orders");
  await expect(page.getByText("No orders yet")).toBeVisible();

  // Markup in an address is an address: stored and shown as the characters typed.
  await page.goto("/s/alpine/checkout");
  await shop.fillCheckout(TEST_CARD, { ...SHIPPING, line1: MARKUP });
  await shop.placeOrder();
  await expect(page).toHaveURL(/\/account\/orders\/[^/?]+\?placed=1/);
  await expect(page.getByText(MARKUP)).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBe(
    undefined,
  );
});

test("the staff product form names every bad field and stores nothing", async ({ page }) => {
  await signInWithDemo(page, { email: "owner@example.com", name: "Demo Owner" });
  await page.goto("/s/kyoto/staff");
  const products = page.getByRole("region", { name: "Products" }).getByRole("listitem");
  const before = await products.count();

  await page.goto("/s/kyoto/staff/products/new");
  await page.getByLabel("Name").fill(HUGE);
  await page.getByLabel("Category").fill(`Pens\u2066`);
  await page.getByLabel(/^Price \(/).fill("-1");
  await page.getByLabel("In stock").fill("1e9");
  await page.getByLabel("Image path (optional)").fill("javascript:alert(1)");
  await page.getByRole("button", { name: "Create product" }).click();
  await expect(page.getByText("Keep the name to 120 characters or fewer")).toBeVisible();
  await expect(page.getByText(/invisible or direction-changing/)).toBeVisible();
  await expect(page.getByText("Enter a price like 12.50 (no currency sign)")).toBeVisible();
  await expect(page.getByText("Enter a whole number of items in stock, zero or more")).toBeVisible();
  await expect(page.getByText(/Use an image from \/stores\/kyoto\//)).toBeVisible();

  await page.getByLabel("Name").fill("Fine pen");
  await page.getByLabel("Category").fill("Pens");
  await page.getByLabel(/^Price \(/).fill("NaN");
  await page.getByLabel("In stock").fill("-5");
  await page.getByLabel("Image path (optional)").fill("");
  await page.getByRole("button", { name: "Create product" }).click();
  await expect(page.getByText("Enter a price like 12.50 (no currency sign)")).toBeVisible();
  await expect(page.getByText("Enter a whole number of items in stock, zero or more")).toBeVisible();

  await page.goto("/s/kyoto/staff");
  await expect(products).toHaveCount(before);
});

test("forged calls through the real Convex client are refused and change nothing", async ({
  devices,
}) => {
  const mine = await devices.open();
  const theirs = await devices.open();
  await signInWithDemo(mine, { email: uniqueEmail("forger"), name: "Fay Forger" });
  await signInWithDemo(theirs, { email: uniqueEmail("victim"), name: "Vic Victim" });
  const me = await convexAs(mine);
  const them = await convexAs(theirs);

  const anyone = new ConvexHttpClient(E2E_CONVEX_URL);
  const alpine = (await anyone.query(api.stores.getBySlug, { slug: "alpine" }))!;
  const harbor = (await anyone.query(api.stores.getBySlug, { slug: "harbor" }))!;
  const [product] = await anyone.query(api.products.list, { storeId: alpine._id });
  const [elsewhere] = await anyone.query(api.products.list, { storeId: harbor._id });
  const add = (quantity: number, productId: Id<"products"> = product._id) =>
    me.client.mutation(api.carts.add, { storeId: alpine._id, productId, quantity });

  for (const quantity of [-1, 0, 1.5, Number.NaN, 1e9, Number.POSITIVE_INFINITY]) {
    expect([quantity, await refusal(add(quantity))]).toEqual([quantity, "INVALID_INPUT"]);
  }
  expect(await refusal(add(1, elsewhere._id))).toBe("NOT_FOUND");
  expect(await refusal(add(1, "not-an-id" as Id<"products">))).toBe("ArgumentValidation");
  expect(
    await refusal(
      me.client.mutation(api.sessions.revoke, { sessionId: them.sessionId as Id<"sessions"> }),
    ),
  ).toBe("NOT_FOUND");
  expect(
    await refusal(
      me.client.mutation(api.carts.copyFromDevice, {
        storeId: alpine._id,
        fromSessionId: them.sessionId as Id<"sessions">,
      }),
    ),
  ).toBe("NOT_FOUND");
  expect(
    await refusal(
      me.client.mutation(api.sessions.rename, {
        sessionId: them.sessionId as Id<"sessions">,
        label: "Mine now",
      }),
    ),
  ).toBe("NOT_FOUND");
  expect(
    await refusal(
      me.client.mutation(api.products.update, {
        storeId: alpine._id,
        productId: product._id,
        name: "Free",
        description: "",
        category: product.category,
        priceMinor: 0,
        stock: 1_000,
      }),
    ),
  ).toBe("FORBIDDEN");
  expect(
    await refusal(me.client.mutation(api.settings.update, { locale: "<script>", label: HUGE })),
  ).toBe("INVALID_INPUT");

  // Nothing changed: my cart is empty, the other device is still signed in and unnamed,
  // the product is as it was, my settings are the defaults.
  expect((await me.client.query(api.carts.mine, { storeId: alpine._id })).lines).toEqual([]);
  expect((await them.client.query(api.sessions.current, {})).status).toBe("active");
  expect((await them.client.query(api.settings.mine, {})).label).toBeNull();
  expect(await anyone.query(api.products.get, { productId: product._id })).toEqual(product);
  expect(await me.client.query(api.settings.mine, {})).toMatchObject({
    theme: "system",
    locale: null,
    label: null,
  });
});
