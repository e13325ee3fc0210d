// The sign-in link e-mail (Auth.js e-mail provider). It states the expiry and says
// what to do if the reader did not ask for it, and repeats the link as plain text for
// clients that block buttons.
import { Button, Heading, Link, Text } from "@react-email/components";
import { EmailLayout, styles } from "./layout";

export type MagicLinkEmailProps = {
  /** The one-time sign-in URL Auth.js made. */
  url: string;
  /** The site's host, so the reader can tell where the link leads. */
  host: string;
  /** How long the link stays valid, in words ("15 minutes"; the provider's maxAge). */
  validFor: string;
};

export function MagicLinkEmail({ url, host, validFor }: MagicLinkEmailProps) {
  return (
    <EmailLayout preview={`Your sign-in link for ${host}`}>
      <Heading as="h1" style={styles.heading}>
        Sign in to {host}
      </Heading>
      <Text style={styles.paragraph}>Click the button below to sign in. The link can be used once.</Text>
      <Button href={url} style={styles.button}>
        Sign in
      </Button>
      <Text style={{ ...styles.muted, marginTop: "24px" }}>
        Or copy and paste this link into your browser:
      </Text>
      <Text style={styles.muted}>
        <Link href={url} style={styles.link}>
          {url}
        </Link>
      </Text>
      <Text style={styles.muted}>This link expires in {validFor}.</Text>
      <Text style={styles.muted}>
        If you didn&apos;t ask to sign in, you can safely ignore this e-mail: nobody can sign in
        without the link.
      </Text>
    </EmailLayout>
  );
}

MagicLinkEmail.PreviewProps = {
  url: "http://localhost:3000/api/auth/callback/resend?token=example&email=ada%40example.com",
  host: "localhost:3000",
  validFor: "15 minutes",
} satisfies MagicLinkEmailProps;

export default MagicLinkEmail;
