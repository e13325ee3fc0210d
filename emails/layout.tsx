// The brand frame every e-mail shares: head, preview line, logo wordmark, card, footer.
// Plain inline styles: e-mail clients ignore stylesheets and CSS variables.
import { Body, Container, Head, Hr, Html, Preview, Section, Text } from "@react-email/components";
import type { CSSProperties, ReactNode } from "react";
import { BRAND_NAME } from "@/lib/brand";

export { BRAND_NAME };

export const brand = {
  accent: "#4f46e5",
  text: "#0f172a",
  muted: "#475569",
  border: "#e2e8f0",
  background: "#f8fafc",
} as const;

const fontFamily =
  '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

export const styles = {
  heading: { fontSize: "22px", fontWeight: 700, color: brand.text, margin: "0 0 12px" },
  paragraph: { fontSize: "15px", lineHeight: "24px", color: brand.text, margin: "0 0 16px" },
  muted: { fontSize: "13px", lineHeight: "20px", color: brand.muted, margin: "0 0 12px" },
  button: {
    backgroundColor: brand.accent,
    borderRadius: "6px",
    color: "#ffffff",
    display: "inline-block",
    fontSize: "15px",
    fontWeight: 600,
    padding: "12px 20px",
    textDecoration: "none",
  },
  link: { color: brand.accent, wordBreak: "break-all" },
} satisfies Record<string, CSSProperties>;

export function EmailLayout({ preview, children }: { preview: string; children: ReactNode }) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: brand.background, fontFamily, margin: 0, padding: "24px 0" }}>
        <Container
          style={{
            backgroundColor: "#ffffff",
            border: `1px solid ${brand.border}`,
            borderRadius: "8px",
            margin: "0 auto",
            maxWidth: "560px",
            padding: "32px",
          }}
        >
          <Text style={{ fontSize: "16px", fontWeight: 700, color: brand.accent, margin: "0 0 24px" }}>
            {BRAND_NAME}
          </Text>
          <Section>{children}</Section>
          <Hr style={{ borderColor: brand.border, margin: "24px 0 16px" }} />
          <Text style={{ ...styles.muted, margin: 0 }}>
            {BRAND_NAME} · You received this e-mail because of activity on your account.
          </Text>
        </Container>
      </Body>
    </Html>
  );
}
