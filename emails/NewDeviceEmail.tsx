// Sent when an existing account signs in from a device: the facts a person needs to
// recognise it (device, browser, OS, IP, time) and a link to revoke it.
import { Button, Heading, Link, Section, Text } from "@react-email/components";
import { EmailLayout, styles } from "./layout";

export type NewDeviceEmailProps = {
  /** e.g. "Desktop", "iPhone" */
  device: string;
  browser: string;
  os: string;
  ip: string;
  /** When the sign-in happened. */
  signedInAt: Date;
  /** Absolute URL of /account/devices. */
  devicesUrl: string;
  /** IANA zone for the time shown; UTC unless we know better. */
  timeZone?: string;
};

export function formatSignInTime(date: Date, timeZone = "UTC"): string {
  return new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone,
    timeZoneName: "short",
  }).format(date);
}

export function NewDeviceEmail({
  device,
  browser,
  os,
  ip,
  signedInAt,
  devicesUrl,
  timeZone = "UTC",
}: NewDeviceEmailProps) {
  const rows: Array<[string, string]> = [
    ["Device", device],
    ["Browser", browser],
    ["Operating system", os],
    ["IP address", ip],
    ["Time", formatSignInTime(signedInAt, timeZone)],
  ];
  return (
    <EmailLayout preview={`New sign-in: ${browser} on ${os}`}>
      <Heading as="h1" style={styles.heading}>
        New sign-in to your account
      </Heading>
      <Text style={styles.paragraph}>Your account was just used to sign in on a device:</Text>
      <Section style={{ margin: "0 0 16px" }}>
        {rows.map(([label, value]) => (
          <Text key={label} style={{ ...styles.paragraph, margin: "0 0 4px" }}>
            <strong>{label}:</strong> {value}
          </Text>
        ))}
      </Section>
      <Text style={styles.paragraph}>
        If this was you, there is nothing to do. If not, sign that device out now and consider
        changing the password of the account you sign in with.
      </Text>
      <Button href={devicesUrl} style={styles.button}>
        Review your devices
      </Button>
      <Text style={{ ...styles.muted, marginTop: "24px" }}>
        Or open:{" "}
        <Link href={devicesUrl} style={styles.link}>
          {devicesUrl}
        </Link>
      </Text>
    </EmailLayout>
  );
}

NewDeviceEmail.PreviewProps = {
  device: "Desktop",
  browser: "Firefox 128",
  os: "Linux",
  ip: "203.0.113.7",
  signedInAt: new Date("2026-01-02T10:30:00Z"),
  devicesUrl: "http://localhost:3000/account/devices",
} satisfies NewDeviceEmailProps;

export default NewDeviceEmail;
