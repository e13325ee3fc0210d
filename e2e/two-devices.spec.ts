// The shop across devices (issue 4): two browser contexts signed in as the same person each
// keep their own cart; "copy to this device" brings the other's lines over; two tabs of one
// device stay in step live; an order placed on one device shows in both devices' history;
// and a person who is not staff of a store cannot open its staff pages.
import { expect, signInWithDemo, test, uniqueEmail, USER_AGENTS } from "./fixtures";
import { ShopPage, TEST_CARD } from "./shop.page";

test("two devices of one person keep separate carts, copy between them and both see the order", async ({
  devices,
}) => {
  // Two sign-ins, two stores' worth of clicks and a checkout: more than the default minute.
  test.setTimeout(150_000);
  const user = { email: uniqueEmail("two-devices"), name: "Tess Two" };
  const laptopPage = await devices.open(USER_AGENTS.macChrome);
  const phonePage = await devices.open(USER_AGENTS.iphoneSafari);
  await signInWithDemo(laptopPage, user);
  await signInWithDemo(phonePage, user);
  const laptop = new ShopPage(laptopPage);
  const phone = new ShopPage(phonePage);

  // Different carts on each device.
  await laptop.open();
  await laptop.add("Wool Beanie", 1);
  await laptop.add("Wool Beanie", 2);
  await phone.open();
  await phone.expectCartCount(0);
  await phone.add("Folding Spork", 1);

  // Each sees only its own lines.
  let drawer = await laptop.openCart();
  await expect(laptop.cartLines()).toHaveCount(1);
  await expect(laptop.cartLine("Wool Beanie")).toBeVisible();
  await expect(laptop.cartLine("Wool Beanie").getByLabel("Quantity of Wool Beanie")).toHaveText(
    "2",
  );
  await laptop.closeCart();
  drawer = await phone.openCart();
  await expect(phone.cartLines()).toHaveCount(1);
  await expect(phone.cartLine("Folding Spork")).toBeVisible();
  await expect(phone.cartLine("Wool Beanie")).toHaveCount(0);

  // The phone sees the laptop's cart in "Your other devices' carts" and copies it over.
  await expect(drawer.getByRole("heading", { name: "Your other devices' carts" })).toBeVisible();
  const laptopCart = phone.otherDeviceCart(/Chrome/);
  await expect(laptopCart).toContainText("2 × Wool Beanie");
  await laptopCart.getByRole("button", { name: "Copy to this device" }).click();
  await expect(drawer.getByText(/Copied 1 item/)).toBeVisible();
  await expect(phone.cartLine("Wool Beanie")).toBeVisible();
  await expect(phone.cartLines()).toHaveCount(2);
  await phone.closeCart();
  await phone.expectCartCount(3);
  // Copying leaves the laptop's own cart as it was.
  await laptop.expectCartCount(2);

  // A second tab of the laptop follows the first one live, without a reload.
  const secondTab = new ShopPage(await laptopPage.context().newPage());
  await secondTab.open();
  await secondTab.expectCartCount(2);
  await laptop.add("Trail Sling", 3);
  await secondTab.expectCartCount(3);
  drawer = await secondTab.openCart();
  await secondTab
    .cartLine("Wool Beanie")
    .getByRole("button", { name: "Remove Wool Beanie" })
    .click();
  await expect(secondTab.cartLine("Wool Beanie")).toHaveCount(0);
  await laptop.expectCartCount(1);
  await secondTab.closeCart();

  // The laptop checks out; both devices then find the order in their history.
  await laptopPage.goto("/s/alpine/checkout");
  await laptop.fillCheckout(TEST_CARD);
  await laptop.placeOrder();
  await laptopPage.waitForURL(/\/account\/orders\/[^/?]+\?placed=1$/);
  await expect(laptopPage.getByText("Thank you, your order is placed")).toBeVisible();
  await expect(laptopPage.getByText("1 × Trail Sling")).toBeVisible();
  // The laptop's cart in this store is empty now; the phone's is untouched.
  await laptop.open();
  await laptop.expectCartCount(0);
  await phone.open();
  await phone.expectCartCount(3);

  for (const page of [laptopPage, phonePage]) {
    await page.goto("/account/orders");
    const orders = page.getByRole("list", { name: "Orders" }).getByRole("listitem");
    await expect(orders).toHaveCount(1);
    await expect(orders.first()).toContainText("Alpine Outfitters");
    await expect(orders.first()).toContainText(/placed on Chrome/);
  }
  await expect(laptopPage.getByRole("list", { name: "Orders" })).toContainText("(this device)");
  await expect(phonePage.getByRole("list", { name: "Orders" })).not.toContainText("(this device)");
});

test("a shopper who is not staff of a store cannot open its staff pages; its owner can", async ({
  devices,
}) => {
  const shopperPage = await devices.open();
  await signInWithDemo(shopperPage, { email: uniqueEmail("not-staff"), name: "Nora Notstaff" });
  for (const path of ["/s/harbor/staff", "/s/harbor/staff/products/new"]) {
    await shopperPage.goto(path);
    await expect(
      shopperPage.getByRole("heading", { name: "You are not staff of this store" }),
    ).toBeVisible();
    await expect(shopperPage.getByRole("heading", { name: /^Staff:/ })).toHaveCount(0);
  }
  // No staff link in the store bar either.
  await shopperPage.goto("/s/harbor");
  await expect(shopperPage.getByRole("link", { name: "Staff", exact: true })).toHaveCount(0);

  // The demo owner (owner@example.com) is staff of the seeded stores.
  const ownerPage = await devices.open();
  await signInWithDemo(ownerPage, { email: "owner@example.com", name: "Demo Owner" });
  await ownerPage.goto("/s/harbor/staff");
  await expect(ownerPage.getByRole("heading", { name: /^Staff: / })).toBeVisible();
  await expect(ownerPage.getByRole("heading", { name: "Products" })).toBeVisible();
});

test("staff create, edit and archive a product and advance an order", async ({ devices }) => {
  test.setTimeout(120_000);
  const page = await devices.open();
  await signInWithDemo(page, { email: "owner@example.com", name: "Demo Owner" });
  const name = `E2E Pen ${Date.now().toString(36)}`;

  // Create, with a field error first (zod in the server action).
  await page.goto("/s/kyoto/staff");
  await page.getByRole("link", { name: "New product" }).click();
  await page.getByLabel("Category").fill("Pens");
  await page.getByLabel("Price (JPY)").fill("1200");
  await page.getByLabel("In stock").fill("3");
  await page.getByRole("button", { name: "Create product" }).click();
  await expect(page.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Enter a product name")).toBeVisible();
  // What was typed is still there; only the name is missing.
  await expect(page.getByLabel("Price (JPY)")).toHaveValue("1200");
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Create product" }).click();
  await expect(page).toHaveURL(/\/s\/kyoto\/staff$/);
  const row = page.getByRole("listitem", { name, exact: true });
  await expect(row).toContainText("¥1,200");

  // Edit the price; the public catalog shows it.
  await row.getByRole("link", { name: `Edit ${name}` }).click();
  await page.getByLabel("Price (JPY)").fill("1500");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(/\/s\/kyoto\/staff$/);
  await expect(row).toContainText("¥1,500");
  const shop = new ShopPage(page, "kyoto");
  await shop.open();
  await expect(shop.product(name)).toContainText("¥1,500");
  await expect(shop.product(name)).toContainText("Only 3 left");

  // Buy one, then advance that order from the staff page.
  await shop.add(name, 1);
  await page.goto("/s/kyoto/checkout");
  await shop.fillCheckout(TEST_CARD);
  await shop.placeOrder();
  await page.waitForURL(/\/account\/orders\//);
  await page.goto("/s/kyoto/staff");
  const order = page
    .getByRole("region", { name: "Orders" })
    .getByRole("listitem")
    .filter({ hasText: name })
    .first();
  await expect(order).toContainText("Placed");
  await order.getByRole("button", { name: /^Mark packed/ }).click();
  await expect(order).toContainText("Packed");

  // Archive: gone from the catalog, still listed for staff.
  await row.getByRole("button", { name: `Archive ${name}` }).click();
  await expect(row).toContainText("(archived)");
  await shop.open();
  await expect(shop.product(name)).toHaveCount(0);
});
