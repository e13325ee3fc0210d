import { describe, expect, test } from "vitest";
import { fieldErrors } from "./fields";
import { productFormSchema } from "./product";

const alpine = { currency: "EUR", storeSlug: "alpine" };
const kyoto = { currency: "JPY", storeSlug: "kyoto" };

const form = {
  name: " Teapot ",
  description: "Cast iron.",
  category: "Kitchen",
  priceMinor: "12.5",
  stock: "7",
  image: "",
};

describe("product form", () => {
  test("turns the typed price into minor units of the store's currency", () => {
    expect(productFormSchema(alpine).parse(form)).toEqual({
      name: "Teapot",
      description: "Cast iron.",
      category: "Kitchen",
      priceMinor: 1250,
      stock: 7,
      image: undefined,
    });
    expect(
      productFormSchema(kyoto).parse({ ...form, priceMinor: "1800" })
        .priceMinor,
    ).toBe(1800);
    expect(
      productFormSchema(alpine).parse({ ...form, priceMinor: "0.29" })
        .priceMinor,
    ).toBe(29);
  });

  test("refuses bad input with one message per field", () => {
    const result = productFormSchema(kyoto).safeParse({
      name: "",
      description: "x".repeat(2001),
      category: "Kitchen",
      priceMinor: "18.50",
      stock: "-2",
      image: "https://example.com/x.png",
    });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(fieldErrors(result.error)).toEqual({
      name: "Enter a product name",
      description: "Keep the description to 2000 characters or fewer",
      priceMinor: "Enter a price like 12.50 (no currency sign)",
      stock: "Enter a whole number of items in stock, zero or more",
      image: "Use an image from /stores/kyoto/… or paste an inline PNG, JPEG, WebP or GIF under 100 KB.",
    });
    const tooLong = productFormSchema(alpine).safeParse({
      ...form,
      name: "n".repeat(121),
      priceMinor: "",
    });
    expect(tooLong.success).toBe(false);
    if (tooLong.success) return;
    expect(fieldErrors(tooLong.error)).toEqual({
      name: "Keep the name to 120 characters or fewer",
      priceMinor: "Enter a price",
    });
  });

  test("takes an image from the store's own folder or a small inline raster image", () => {
    const image = (value: string) => productFormSchema(alpine).safeParse({ ...form, image: value });
    expect(image(" /stores/alpine/headlamp-400.svg ").data?.image).toBe(
      "/stores/alpine/headlamp-400.svg",
    );
    expect(image("data:image/webp;base64,UklGRg==").data?.image).toBe("data:image/webp;base64,UklGRg==");
    expect(image("   ").data?.image).toBeUndefined();
  });

  test.each([
    "/stores/kyoto/logo.svg",
    "/stores/alpine/../kyoto/logo.svg",
    "/stores/alpine/x.svg?v=2",
    "/api/health",
    "//evil.example/x.png",
    "https://evil.example/x.png",
    "data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=",
    `data:image/png;base64,${"A".repeat(100_000)}`,
  ])("refuses the image %j with the store's message", (value) => {
    const result = productFormSchema(alpine).safeParse({ ...form, image: value });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(fieldErrors(result.error)).toEqual({
      image: "Use an image from /stores/alpine/… or paste an inline PNG, JPEG, WebP or GIF under 100 KB.",
    });
  });
});
