// README screenshots taken from the real app: the store, the cart drawer open, the devices
// page and the admin console, in light and dark, on a desktop and a phone viewport. Boots the
// e2e stack (offline Convex backend, demo provider, production build) unless one is running
// on this checkout's ports, signs in through the demo provider, and writes viewport-sized PNGs
// to docs/screenshots/ (`<page>-<desktop|phone>-<light|dark>.png`).
// Run: `npm run screenshots`.
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from "playwright-core";
import { CHROMIUM_ARGS, chromiumExecutable } from "../e2e/chromium";
import { E2E_APP_URL } from "../e2e/ports";
import { ensureE2EStack, signInAs } from "../e2e/running-stack";

const outDir = resolve(import.meta.dirname, "..", "docs", "screenshots");
const MAC =
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
const SIZES: Record<"desktop" | "phone", BrowserContextOptions> = {
  desktop: { viewport: { width: 1280, height: 800 } },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
};
const stamp = Date.now().toString(36);
const SHOPPER = { email: `dana-${stamp}@example.test`, name: "Dana Demo" };
const ADMIN = { email: "admin@example.com", name: "Ada Admin" };

type State = Awaited<ReturnType<BrowserContext["storageState"]>>;

async function signedIn(
  browser: Browser,
  user: { email: string; name: string },
  userAgent: string,
  then?: (page: Page) => Promise<void>,
): Promise<State> {
  const context = await browser.newContext({ userAgent });
  const page = await context.newPage();
  await signInAs(page, user);
  await then?.(page);
  const state = await context.storageState();
  await context.close();
  return state;
}

async function addToCart(page: Page, names: string[]): Promise<void> {
  await page.goto(`${E2E_APP_URL}/s/alpine`);
  for (const [index, name] of names.entries()) {
    await page.getByRole("button", { name: `Add to cart: ${name}` }).click();
    const count = index + 1;
    await page.getByRole("button", { name: `Cart, ${count} ${count === 1 ? "item" : "items"}` }).waitFor();
  }
}

/** Every image on screen has loaded (the product art is lazy). */
async function imagesLoaded(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    Array.from(document.images)
      .filter((image) => image.getBoundingClientRect().top < window.innerHeight)
      .every((image) => image.complete && image.naturalWidth > 0),
  );
}

async function main(): Promise<void> {
  const stack = await ensureE2EStack();
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
  try {
    mkdirSync(outDir, { recursive: true });
    // The shopper on a laptop (the device the pictures show) with a phone and a tablet
    // also signed in, so the devices page and the drawer's other carts have something to show.
    const shopper = await signedIn(browser, SHOPPER, MAC, (page) =>
      addToCart(page, ["Summit Pack 30 L", "Trail Sling"]),
    );
    await signedIn(browser, SHOPPER, IPHONE, (page) => addToCart(page, ["Ridge Pack 45 L"]));
    const admin = await signedIn(browser, ADMIN, MAC);

    for (const size of ["desktop", "phone"] as const) {
      for (const colorScheme of ["light", "dark"] as const) {
        const open = async (state: State) => {
          const context = await browser.newContext({
            ...SIZES[size],
            userAgent: size === "phone" ? IPHONE : MAC,
            colorScheme,
            reducedMotion: "reduce",
            storageState: state,
          });
          return context.newPage();
        };
        const shot = async (page: Page, name: string) => {
          await imagesLoaded(page);
          const path = resolve(outDir, `${name}-${size}-${colorScheme}.png`);
          await page.screenshot({ path, animations: "disabled", caret: "hide" });
          console.log(`wrote ${path}`);
        };

        const shop = await open(shopper);
        await shop.goto(`${E2E_APP_URL}/s/alpine`);
        await shop.getByRole("button", { name: "Cart, 2 items" }).waitFor();
        await shot(shop, "store");
        await shop.getByRole("button", { name: "Cart, 2 items" }).click();
        await shop.getByRole("dialog", { name: "Your cart" }).getByRole("listitem").first().waitFor();
        await shot(shop, "cart");
        await shop.keyboard.press("Escape");
        await shop.goto(`${E2E_APP_URL}/account/devices`);
        await shop.getByRole("list", { name: "Your devices" }).getByRole("listitem").nth(1).waitFor();
        await shot(shop, "devices");
        await shop.context().close();

        const adminPage = await open(admin);
        await adminPage.goto(`${E2E_APP_URL}/admin`);
        await adminPage
          .getByRole("table", { name: /Sessions of all users/ })
          .getByRole("row")
          .nth(1)
          .waitFor();
        await shot(adminPage, "admin");
        await adminPage.context().close();
      }
    }
  } finally {
    await browser.close();
    stack.stop();
  }
}

await main();
