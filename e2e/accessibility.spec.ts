// Accessibility: axe-core (through @axe-core/playwright) over every page, open dialog,
// drawer and menu, signed out and signed in (shopper, store staff, admin), on a desktop
// and a phone viewport in light mode, and the desktop in dark mode (dark mode changes colours,
// not layout, and a fourth view would add minutes to every CI run). Any serious or critical violation
// fails, listed as "rule id: help — target". Each role signs in once, through the demo
// provider, in `beforeAll`; every view then opens fresh contexts with that storage state.
import AxeBuilder from "@axe-core/playwright";
import type {
  Browser,
  BrowserContext,
  BrowserContextOptions,
  Locator,
  Page,
} from "@playwright/test";
import { USER_AGENTS, expect, signInWithDemo, test, uniqueEmail } from "./fixtures";
import { E2E_APP_URL } from "./ports";
import { SHIPPING, ShopPage, TEST_CARD } from "./shop.page";

type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;
type Role = "shopper" | "staff" | "admin";

const DESKTOP = { viewport: { width: 1280, height: 800 } };
const PHONE = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  userAgent: USER_AGENTS.iphoneSafari,
};
const VIEWS: { name: string; options: BrowserContextOptions }[] = [
  { name: "desktop, light", options: { ...DESKTOP, colorScheme: "light" } },
  { name: "desktop, dark", options: { ...DESKTOP, colorScheme: "dark" } },
  { name: "phone, light", options: { ...PHONE, colorScheme: "light" } },
];

const SERIOUS = new Set(["serious", "critical"]);

/** Runs axe on the page as it is now; returns one readable line per failing element. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((violation) => SERIOUS.has(violation.impact ?? ""))
    .flatMap((violation) =>
      violation.nodes.map(
        (node) =>
          `${violation.id} (${violation.impact}): ${violation.help} — ${node.target.join(" ")} ${node.html.slice(0, 120)}`,
      ),
    );
}

/** A soft expectation, so one test reports every state it audits. */
async function audit(page: Page, what: string): Promise<void> {
  expect.soft(await seriousViolations(page), `axe, serious or critical: ${what}`).toEqual([]);
}

const states: Partial<Record<Role, StorageState>> = {};
let productPath = "";
let orderPath = "";

async function signedInState(browser: Browser, role: Role, work?: (page: Page) => Promise<void>) {
  const users = {
    shopper: { email: uniqueEmail("a11y"), name: "Alex Access" },
    staff: { email: "owner@example.com", name: "Demo Owner" },
    admin: { email: "admin@example.com", name: "Ada Admin" },
  };
  const context = await browser.newContext({ userAgent: USER_AGENTS.macChrome });
  const page = await context.newPage();
  await signInWithDemo(page, users[role]);
  await work?.(page);
  states[role] = await context.storageState();
  await context.close();
  return users[role];
}

/** The shopper: a passkey, a placed order, a second device, and an item left in the cart. */
async function prepareShopper(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  await page.goto("/account/security");
  await page.getByRole("button", { name: "Add a passkey" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a passkey" });
  await dialog.getByLabel("Passkey name").fill("Work laptop");
  await dialog.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("list", { name: "Your passkeys" }).getByRole("listitem")).toHaveCount(1);

  const shop = new ShopPage(page);
  await shop.open();
  productPath = new URL(
    (await shop.product("Summit Pack 30 L").getByRole("link").last().getAttribute("href"))!,
    page.url(),
  ).pathname;
  await shop.add("Trail Sling", 1);
  await page.goto("/s/alpine/checkout");
  await shop.fillCheckout(TEST_CARD, SHIPPING);
  await shop.placeOrder();
  await page.waitForURL(/\/account\/orders\/[^/?]+\?placed=1$/);
  const url = new URL(page.url());
  orderPath = `${url.pathname}${url.search}`;
  await shop.open();
  await shop.add("Summit Pack 30 L", 1);
}

// Several full-page audits per test: on 2 busy cores one axe run can take seconds.
test.describe.configure({ timeout: 180_000 });

test.beforeAll(async ({ browser }) => {
  test.setTimeout(240_000);
  const shopper = await signedInState(browser, "shopper", prepareShopper);
  // A second device of the shopper's, so the devices page has one to revoke.
  const phone = await browser.newContext({ userAgent: USER_AGENTS.iphoneSafari });
  await signInWithDemo(await phone.newPage(), shopper);
  await phone.close();
  await signedInState(browser, "staff");
  await signedInState(browser, "admin");
});

for (const view of VIEWS) {
  test.describe(view.name, () => {
    const contexts: BrowserContext[] = [];
    async function open(browser: Browser, path: string, role?: Role): Promise<Page> {
      const context = await browser.newContext({
        ...view.options,
        storageState: role ? states[role] : undefined,
      });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(path);
      return page;
    }
    test.afterEach(async () => {
      for (const context of contexts.splice(0)) await context.close();
    });
    const heading = (page: Page, name: string | RegExp) =>
      expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    /** Opens a dialog with `trigger`, audits it, and closes it with Escape. */
    async function auditDialog(page: Page, trigger: Locator, name: string | RegExp, what: string) {
      await trigger.click();
      const dialog = page.getByRole("dialog", { name });
      await expect(dialog).toBeVisible();
      await audit(page, what);
      await page.keyboard.press("Escape");
      await expect(dialog).toBeHidden();
    }

    test("signed out: landing, sign-in and its notices and errors, 404", async ({ browser }) => {
      const page = await open(browser, "/");
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await audit(page, "landing");
      await page.goto("/signin");
      await heading(page, "Sign in");
      await audit(page, "sign-in");
      await page.goto("/signin?notice=revoked");
      await expect(page.getByText("This device was signed out from another device.")).toBeVisible();
      await audit(page, "sign-in with the revoked notice");
      await page.goto("/signin/error?error=Verification");
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await audit(page, "sign-in error");
      await page.goto("/signin/check-email");
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await audit(page, "check your e-mail");
      await page.goto("/no-such-page");
      await heading(page, "Page not found");
      await audit(page, "404");
    });

    test("signed out: store, cart drawer, product", async ({ browser }) => {
      const page = await open(browser, "/s/alpine");
      const shop = new ShopPage(page);
      await expect(shop.product("Summit Pack 30 L")).toBeVisible();
      await audit(page, "store");
      await auditDialog(page, page.getByRole("button", { name: "Cart" }), "Your cart", "cart drawer");
      await page.goto(productPath);
      await heading(page, "Summit Pack 30 L");
      await audit(page, "product");
    });

    test("shopper: store, account menu, cart drawer, product", async ({ browser }) => {
      const page = await open(browser, "/s/alpine", "shopper");
      const shop = new ShopPage(page);
      await shop.expectCartCount(1);
      await audit(page, "store");
      await page.getByLabel("Account menu").click();
      await expect(page.getByRole("navigation", { name: "Account" })).toBeVisible();
      await audit(page, "account menu open");
      await page.keyboard.press("Escape");
      await shop.openCart();
      await expect(shop.cartLines()).toHaveCount(1);
      await audit(page, "cart drawer");
      await shop.closeCart();
      await page.goto(productPath);
      await heading(page, "Summit Pack 30 L");
      await audit(page, "product");
    });

    test("shopper: checkout, with field errors, and an order confirmation", async ({ browser }) => {
      const page = await open(browser, "/s/alpine/checkout", "shopper");
      await expect(page.getByRole("complementary", { name: "Order summary" })).toContainText(
        "Summit Pack 30 L",
      );
      await audit(page, "checkout");
      await page.getByRole("button", { name: "Place order" }).click();
      await expect(page.getByLabel("Street address")).toHaveAttribute("aria-invalid", "true");
      await audit(page, "checkout with field errors");
      await page.goto(orderPath);
      await expect(page.getByText("Thank you, your order is placed")).toBeVisible();
      await audit(page, "order confirmation");
      await page.goto("/account/orders");
      await expect(page.getByRole("list", { name: "Orders" }).getByRole("listitem")).toHaveCount(1);
      await audit(page, "orders");
    });

    test("shopper: account, devices and its dialogs", async ({ browser }) => {
      const page = await open(browser, "/account", "shopper");
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await audit(page, "account");
      await page.goto("/account/devices");
      const rows = page.getByRole("list", { name: "Your devices" }).getByRole("listitem");
      await expect(rows).toHaveCount(2);
      await audit(page, "devices");
      const other = rows.filter({ hasText: "Safari" });
      await auditDialog(page, other.getByRole("button", { name: /^Rename/ }), /^Rename/, "rename device");
      await auditDialog(page, other.getByRole("button", { name: /^Revoke/ }), /^Sign out /, "revoke device");
      await auditDialog(
        page,
        page.getByRole("button", { name: "Sign out all other devices" }),
        "Sign out all other devices?",
        "sign out other devices",
      );
      await auditDialog(
        page,
        page.getByRole("button", { name: "Sign out everywhere" }),
        "Sign out everywhere?",
        "sign out everywhere",
      );
    });

    test("shopper: settings, security and its dialogs, pages they may not open", async ({
      browser,
    }) => {
      const page = await open(browser, "/account/settings", "shopper");
      await heading(page, "Settings");
      await expect(page.getByLabel("Device name")).toBeVisible();
      await audit(page, "settings");
      await page.goto("/account/security");
      await heading(page, "Security");
      const passkey = page.getByRole("list", { name: "Your passkeys" }).getByRole("listitem");
      await expect(passkey).toHaveCount(1);
      await audit(page, "security");
      await auditDialog(
        page,
        page.getByRole("button", { name: "Add a passkey" }),
        "Add a passkey",
        "add a passkey",
      );
      await auditDialog(
        page,
        passkey.getByRole("button", { name: /^Remove/ }),
        "Remove Work laptop?",
        "remove a passkey",
      );
      await page.goto("/s/alpine/staff");
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await audit(page, "staff page, not staff");
      await page.goto("/admin");
      await heading(page, "Page not found");
      await audit(page, "admin, not an admin (404)");
    });

    test("staff: products, new product with field errors, edit product", async ({ browser }) => {
      const page = await open(browser, "/s/alpine/staff", "staff");
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expect(page.getByText("Summit Pack 30 L").first()).toBeVisible();
      await audit(page, "staff products");
      await page.goto("/s/alpine/staff/products/new");
      await page.getByRole("button", { name: "Create product" }).click();
      await expect(page.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
      await audit(page, "new product with field errors");
      await page.goto(`/s/alpine/staff/products/${productPath.split("/").pop()}`);
      await expect(page.getByLabel("Name")).toHaveValue("Summit Pack 30 L");
      await audit(page, "edit product");
    });

    test("admin: sessions, audit log, revoke dialog", async ({ browser }) => {
      const page = await open(browser, "/admin", "admin");
      await heading(page, "Admin");
      const sessions = page.getByRole("table", { name: /Sessions of all users/ });
      await expect(sessions.getByRole("row").nth(1)).toBeVisible();
      await expect(page.getByRole("table", { name: /Audit log/ })).toBeVisible();
      await audit(page, "admin console with audit log");
      await auditDialog(
        page,
        sessions.getByRole("button", { name: /^Revoke/ }).first(),
        "Revoke this session?",
        "revoke a session",
      );
    });
  });
}

// The keyboard-only journey: only `keyboard.press`/`keyboard.type` on the shopper's page
// (page.goto stands for typing an address); the other device signs in with the mouse.
// At every Tab stop the focused element must show a focus indicator.

type Focused = { name: string; indicator: boolean; tag: string };

/** What has focus now: a rough accessible name and whether an outline or ring is drawn. */
function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return { name: "", indicator: false, tag: "body" };
    const style = getComputedStyle(element);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    const ring = style.boxShadow !== "none";
    const labelledBy = element
      .getAttribute("aria-labelledby")
      ?.split(/\s+/)
      .map((id) => document.getElementById(id)?.textContent ?? "")
      .join(" ");
    const input = element as HTMLInputElement;
    const name =
      element.getAttribute("aria-label") ??
      labelledBy ??
      (input.labels?.[0]?.textContent || element.textContent || "");
    return {
      name: name.replace(/\s+/g, " ").trim(),
      indicator: outline || ring,
      tag: element.tagName.toLowerCase(),
    };
  });
}

async function expectVisibleFocus(page: Page, step: string): Promise<Focused> {
  const now = await focused(page);
  expect(now.indicator, `${step}: visible focus on <${now.tag}> "${now.name}"`).toBe(true);
  return now;
}

/** Presses Tab (or Shift+Tab) until the focused element's name matches, checking focus at every stop. */
async function tabTo(page: Page, name: RegExp, backwards = false): Promise<void> {
  const seen: string[] = [];
  for (let stop = 0; stop < 80; stop++) {
    await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
    const now = await expectVisibleFocus(page, `tabbing to ${name}`);
    if (name.test(now.name)) return;
    seen.push(now.name);
  }
  throw new Error(`No focusable element named ${name}; passed: ${seen.join(" | ")}`);
}

test("keyboard only: sign in, add to cart, open the drawer, check out, revoke a device", async ({
  browser,
  devices,
}) => {
  test.setTimeout(180_000);
  const user = { email: uniqueEmail("keyboard"), name: "Kay Board" };
  const context = await browser.newContext({ ...DESKTOP, userAgent: USER_AGENTS.windowsFirefox });
  const page = await context.newPage();
  try {
    // Sign in with the demo provider.
    await page.goto("/signin");
    await tabTo(page, /^Demo sign-in$/);
    await page.keyboard.press("Enter");
    await expect(page.getByLabel("Email")).toBeFocused(); // the provider's form autofocuses it
    await page.keyboard.type(user.email);
    await tabTo(page, /^Display name$/);
    await page.keyboard.type(user.name);
    await tabTo(page, /^Sign in$/);
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.origin === E2E_APP_URL && url.pathname.startsWith("/account"));

    // Add to cart, open the drawer, go to checkout.
    const shop = new ShopPage(page);
    await shop.open();
    await tabTo(page, /^Add to cart: Summit Pack 30 L$/);
    await page.keyboard.press("Enter");
    await shop.expectCartCount(1);
    await expectVisibleFocus(page, "after adding to the cart");
    await tabTo(page, /^Cart, 1 item$/, true);
    await page.keyboard.press("Enter");
    await expect(shop.drawer()).toBeVisible();
    await expect(shop.cartLine("Summit Pack 30 L")).toBeVisible();
    await tabTo(page, /^Check out$/);
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/s\/alpine\/checkout$/);

    // Fill in the checkout form field by field, and place the order.
    const fields: [RegExp, string][] = [
      [/^Full name/, SHIPPING.fullName],
      [/^Street address/, SHIPPING.line1],
      [/^Postal code/, SHIPPING.postalCode],
      [/^City/, SHIPPING.city],
      [/^Country/, SHIPPING.country],
      [/^Card number/, TEST_CARD],
      [/^Expiry/, "12/39"],
      [/^Security code/, "123"],
    ];
    for (const [label, value] of fields) {
      await tabTo(page, label);
      await page.keyboard.type(value);
    }
    await tabTo(page, /^Place order$/);
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/account\/orders\/[^/?]+\?placed=1$/);
    await expect(page.getByText("Thank you, your order is placed")).toBeVisible();

    // Another device signs in; this one revokes it from the devices page.
    const other = await devices.open(USER_AGENTS.iphoneSafari);
    await signInWithDemo(other, user);
    await page.goto("/account/devices");
    const rows = page.getByRole("list", { name: "Your devices" }).getByRole("listitem");
    await expect(rows).toHaveCount(2);
    await tabTo(page, /^Revoke .*Safari/);
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: /^Sign out Safari/ });
    await expect(dialog).toBeVisible();
    await tabTo(page, /^Sign out device$/);
    await page.keyboard.press("Enter");
    await expect(page.getByRole("status").filter({ hasText: /^Signed out Safari/ })).toBeVisible();
    await expect(rows).toHaveCount(1);
    await expect(other).toHaveURL(/\/signin\?.*notice=revoked/);
  } finally {
    await context.close();
  }
});
