import { describe, expect, test } from "vitest";
import { ACCEPTED_TEST_CARD, DECLINED_TEST_CARD, luhnValid } from "@/convex/shared/cards";
import { checkoutFormSchema, expiryInFuture, formFieldOf, toCheckoutArgs } from "./checkout";
import { fieldErrors } from "./fields";

const valid = {
  fullName: " Alice Example ",
  line1: "1 Main Street",
  line2: "",
  city: "Springfield",
  postalCode: "AB1 2CD",
  country: "United Kingdom",
  cardNumber: ACCEPTED_TEST_CARD,
  expiry: "12/99",
  cvc: "123",
  idempotencyKey: "k-1",
};

describe("checkout form", () => {
  test("a valid form parses into the mutation's arguments", () => {
    const parsed = checkoutFormSchema.parse(valid);
    expect(toCheckoutArgs(parsed)).toEqual({
      idempotencyKey: "k-1",
      shipping: {
        fullName: "Alice Example",
        line1: "1 Main Street",
        city: "Springfield",
        postalCode: "AB1 2CD",
        country: "United Kingdom",
      },
      card: { number: "4242424242424242", expiry: "12/99", cvc: "123" },
    });
  });

  test("the declining test card passes the form (the decline comes from the payment step)", () => {
    expect(
      checkoutFormSchema.safeParse({ ...valid, cardNumber: DECLINED_TEST_CARD })
        .success,
    ).toBe(true);
  });

  test("each bad field gets a message for a person", () => {
    const result = checkoutFormSchema.safeParse({
      ...valid,
      fullName: "  ",
      postalCode: "#!",
      cardNumber: "4242 4242 4242 4241",
      expiry: "01/20",
      cvc: "12",
    });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(fieldErrors(result.error)).toEqual({
      fullName: "Enter your full name",
      postalCode: "Use letters, digits, spaces or dashes for the postal code",
      cardNumber: "Check the card number; it is not a valid card number",
      expiry: "This card has expired",
      cvc: "Enter the 3 or 4 digit security code",
    });
    const empty = checkoutFormSchema.safeParse({
      ...valid,
      cardNumber: "",
      expiry: "13/30",
    });
    expect(empty.success).toBe(false);
    if (empty.success) return;
    expect(fieldErrors(empty.error)).toEqual({
      cardNumber: "Enter the card number",
      expiry: "Enter the expiry date as MM/YY",
    });
  });

  test("helpers: Luhn, expiry, and mapping Convex field keys to inputs", () => {
    expect(luhnValid("4242424242424242")).toBe(true);
    expect(luhnValid("4242424242424243")).toBe(false);
    const june2030 = Date.UTC(2030, 5, 15);
    expect(expiryInFuture("06/30", june2030)).toBe(true);
    expect(expiryInFuture("05/2030", june2030)).toBe(false);
    expect(expiryInFuture("00/31", june2030)).toBe(false);
    expect(formFieldOf("card.number")).toBe("cardNumber");
    expect(formFieldOf("card.expiry")).toBe("expiry");
    expect(formFieldOf("shipping.postalCode")).toBe("postalCode");
  });

  test("address fields that hide characters are refused, markup is just text", () => {
    const result = checkoutFormSchema.safeParse({
      ...valid,
      city: "Spring\u202Edleif",
      line1: "<script>alert(1)</script>",
    });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(Object.keys(fieldErrors(result.error))).toEqual(["city"]);
  });
});
