import { describe, expect, test } from "vitest";
import { fieldErrors } from "./fields";
import { productFormSchema } from "./product";

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
    expect(productFormSchema("EUR").parse(form)).toEqual({
      name: "Teapot",
      description: "Cast iron.",
      category: "Kitchen",
      priceMinor: 1250,
      stock: 7,
      image: undefined,
    });
    expect(
      productFormSchema("JPY").parse({ ...form, priceMinor: "1800" })
        .priceMinor,
    ).toBe(1800);
    expect(
      productFormSchema("EUR").parse({ ...form, priceMinor: "0.29" })
        .priceMinor,
    ).toBe(29);
  });

  test("refuses bad input with one message per field", () => {
    const result = productFormSchema("JPY").safeParse({
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
      image: "Use an image path under /stores/… or an inline image",
    });
    const tooLong = productFormSchema("EUR").safeParse({
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
});
