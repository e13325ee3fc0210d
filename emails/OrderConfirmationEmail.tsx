// Sent after a checkout: what was ordered, the total, where it goes, which device
// placed it, and a link to the order page. Amounts are formatted here from integer
// minor units in the order's currency.
import { Button, Heading, Link, Section, Text } from "@react-email/components";
import { formatMoney } from "../lib/money";
import { EmailLayout, styles } from "./layout";

export type OrderConfirmationItem = { name: string; quantity: number; unitPriceMinor: number };

export type OrderConfirmationEmailProps = {
  customerName: string;
  storeName: string;
  /** Short reference shown to the customer (e.g. the end of the order id). */
  orderReference: string;
  items: OrderConfirmationItem[];
  totalMinor: number;
  currency: string;
  shipping: {
    fullName: string;
    line1: string;
    line2?: string;
    city: string;
    postalCode: string;
    country: string;
  };
  deviceLabel: string;
  /** Absolute URL of /account/orders/[orderId]. */
  orderUrl: string;
  /** Locale for amounts; e-mails are read anywhere, so a fixed default. */
  locale?: string;
};

export function OrderConfirmationEmail({
  customerName,
  storeName,
  orderReference,
  items,
  totalMinor,
  currency,
  shipping,
  deviceLabel,
  orderUrl,
  locale = "en-US",
}: OrderConfirmationEmailProps) {
  const money = (minor: number) => formatMoney(minor, currency, locale);
  const address = [
    shipping.fullName,
    shipping.line1,
    shipping.line2,
    `${shipping.postalCode} ${shipping.city}`,
    shipping.country,
  ].filter(Boolean);
  return (
    <EmailLayout preview={`Your order at ${storeName}: ${money(totalMinor)}`}>
      <Heading as="h1" style={styles.heading}>
        Thank you for your order
      </Heading>
      <Text style={styles.paragraph}>
        Hello {customerName}, {storeName} has your order {orderReference}. We will let you know when
        it ships.
      </Text>
      <Section style={{ margin: "0 0 16px" }}>
        {items.map((item, index) => (
          <Text key={index} style={{ ...styles.paragraph, margin: "0 0 4px" }}>
            {item.quantity} × {item.name}: {money(item.unitPriceMinor * item.quantity)}
          </Text>
        ))}
        <Text style={{ ...styles.paragraph, margin: "8px 0 0" }}>
          <strong>Total: {money(totalMinor)}</strong>
        </Text>
      </Section>
      <Text style={{ ...styles.paragraph, margin: "0 0 4px" }}>
        <strong>Shipping to:</strong>
      </Text>
      <Section style={{ margin: "0 0 16px" }}>
        {address.map((line, index) => (
          <Text key={index} style={{ ...styles.paragraph, margin: 0 }}>
            {line}
          </Text>
        ))}
      </Section>
      <Text style={styles.muted}>Placed on {deviceLabel}.</Text>
      <Button href={orderUrl} style={styles.button}>
        View your order
      </Button>
      <Text style={{ ...styles.muted, marginTop: "24px" }}>
        Or open:{" "}
        <Link href={orderUrl} style={styles.link}>
          {orderUrl}
        </Link>
      </Text>
    </EmailLayout>
  );
}

OrderConfirmationEmail.PreviewProps = {
  customerName: "Dana Demo",
  storeName: "Alpine Outfitters",
  orderReference: "#A1B2C3",
  items: [
    { name: "Summit Pack 30", quantity: 1, unitPriceMinor: 12900 },
    { name: "Hiking Socks", quantity: 2, unitPriceMinor: 1900 },
  ],
  totalMinor: 16700,
  currency: "EUR",
  shipping: {
    fullName: "Dana Demo",
    line1: "1 Trail Road",
    city: "Innsbruck",
    postalCode: "6020",
    country: "Austria",
  },
  deviceLabel: "Chrome on macOS",
  orderUrl: "http://localhost:3000/account/orders/abc",
} satisfies OrderConfirmationEmailProps;

export default OrderConfirmationEmail;
