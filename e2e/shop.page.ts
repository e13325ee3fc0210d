// Page object for a store as a shopper sees it: the catalog, the cart button and the cart
// drawer (this device's lines and the other devices' carts), and the checkout form. It
// finds things by role and accessible name, the way a person (or screen reader) would.
import { expect, type Locator, type Page } from "@playwright/test";

export const TEST_CARD = "4242 4242 4242 4242";
export const DECLINED_CARD = "4000 0000 0000 0002";

export type ShippingDetails = {
  fullName: string;
  line1: string;
  postalCode: string;
  city: string;
  country: string;
};

export const SHIPPING: ShippingDetails = {
  fullName: "Dana Demo",
  line1: "1 Trail Road",
  postalCode: "6020",
  city: "Innsbruck",
  country: "Austria",
};

export class ShopPage {
  constructor(
    readonly page: Page,
    readonly slug = "alpine",
  ) {}

  async open(query = ""): Promise<void> {
    await this.page.goto(`/s/${this.slug}${query}`);
  }

  cartButton(): Locator {
    return this.page.getByRole("button", { name: /^Cart, \d+ items?$/ });
  }

  async expectCartCount(count: number): Promise<void> {
    await expect(this.cartButton()).toHaveAccessibleName(
      `Cart, ${count} ${count === 1 ? "item" : "items"}`,
    );
  }

  product(name: string): Locator {
    return this.page
      .getByRole("list", { name: "Products" })
      .getByRole("listitem", { name, exact: true });
  }

  /** Adds one unit and waits until the server's cart agrees (the badge shows `expected`). */
  async add(name: string, expected?: number): Promise<void> {
    await this.page.getByRole("button", { name: `Add to cart: ${name}` }).click();
    if (expected !== undefined) await this.expectCartCount(expected);
  }

  drawer(): Locator {
    return this.page.getByRole("dialog", { name: "Your cart" });
  }

  async openCart(): Promise<Locator> {
    await this.cartButton().click();
    await expect(this.drawer()).toBeVisible();
    return this.drawer();
  }

  async closeCart(): Promise<void> {
    await this.page.keyboard.press("Escape");
    await expect(this.drawer()).toBeHidden();
  }

  cartLines(): Locator {
    return this.drawer().getByRole("list", { name: "Items in your cart" }).getByRole("listitem");
  }

  cartLine(name: string): Locator {
    return this.drawer()
      .getByRole("list", { name: "Items in your cart" })
      .getByRole("listitem", { name, exact: true });
  }

  /** The other devices' carts panel entry whose device name matches. */
  otherDeviceCart(device: RegExp): Locator {
    return this.drawer().getByRole("listitem", { name: new RegExp(`^Cart on ${device.source}`) });
  }

  async fillCheckout(card: string, shipping: ShippingDetails = SHIPPING): Promise<void> {
    const { page } = this;
    await page.getByLabel("Full name").fill(shipping.fullName);
    await page.getByLabel("Street address").fill(shipping.line1);
    await page.getByLabel("Postal code").fill(shipping.postalCode);
    await page.getByLabel("City").fill(shipping.city);
    await page.getByLabel("Country").fill(shipping.country);
    await page.getByLabel("Card number").fill(card);
    await page.getByLabel("Expiry (MM/YY)").fill("12/39");
    await page.getByLabel("Security code (CVC)").fill("123");
  }

  async placeOrder(): Promise<void> {
    await this.page.getByRole("button", { name: "Place order" }).click();
  }
}

export type NewProduct = { name: string; category: string; price: string; stock: string };

/** Adds a product through the staff form (the page must be signed in as the store's staff). */
export async function createProductAsStaff(
  page: Page,
  slug: string,
  product: NewProduct,
): Promise<void> {
  await page.goto(`/s/${slug}/staff/products/new`);
  await page.getByLabel("Name").fill(product.name);
  await page.getByLabel("Category").fill(product.category);
  await page.getByLabel(/^Price \(/).fill(product.price);
  await page.getByLabel("In stock").fill(product.stock);
  await page.getByRole("button", { name: "Create product" }).click();
  await expect(page).toHaveURL(new RegExp(`/s/${slug}/staff$`));
}
