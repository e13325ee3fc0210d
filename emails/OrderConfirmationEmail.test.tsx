// The order confirmation must tell a person what they bought, what it cost in total and
// how to reach the order page, in HTML and in plain text.
import { describe, expect, it } from "vitest";
import { OrderConfirmationEmail, type OrderConfirmationEmailProps } from "./OrderConfirmationEmail";
import { renderEmail } from "./render";

const props: OrderConfirmationEmailProps = {
  customerName: "Dana",
  storeName: "Alpine Outfitters",
  orderReference: "#XYZ123",
  items: [
    { name: "Summit Pack 30", quantity: 1, unitPriceMinor: 12900 },
    { name: "Hiking Socks", quantity: 3, unitPriceMinor: 1900 },
  ],
  totalMinor: 18600,
  currency: "EUR",
  shipping: {
    fullName: "Dana Demo",
    line1: "1 Trail Road",
    line2: "Flat 2",
    city: "Innsbruck",
    postalCode: "6020",
    country: "Austria",
  },
  deviceLabel: "Chrome on macOS",
  orderUrl: "https://shop.example/account/orders/k123",
};

describe("OrderConfirmationEmail", () => {
  it("lists the items, the total and links to the order (HTML)", async () => {
    const { html } = await renderEmail(<OrderConfirmationEmail {...props} />);
    expect(html).toContain("Summit Pack 30");
    expect(html).toContain("Hiking Socks");
    expect(html).toContain("€186.00");
    expect(html).toContain(`href="${props.orderUrl}"`);
    expect(html).toContain("Alpine Outfitters");
  });

  it("has the same facts in plain text", async () => {
    const { text } = await renderEmail(<OrderConfirmationEmail {...props} />);
    expect(text).toContain("1 × Summit Pack 30: €129.00");
    expect(text).toContain("3 × Hiking Socks: €57.00");
    expect(text).toContain("Total: €186.00");
    expect(text).toContain("Placed on Chrome on macOS.");
    expect(text).toContain("6020 Innsbruck");
    expect(text).toContain(props.orderUrl);
  });

  it("formats a currency without minor units (JPY)", async () => {
    const { text } = await renderEmail(
      <OrderConfirmationEmail
        {...props}
        currency="JPY"
        items={[{ name: "Brass Pen", quantity: 2, unitPriceMinor: 1800 }]}
        totalMinor={3600}
      />,
    );
    expect(text).toContain("2 × Brass Pen: ¥3,600");
    expect(text).toContain("Total: ¥3,600");
  });
});
