// Passkeys, with Chromium's virtual authenticator (Chrome DevTools Protocol `WebAuthn.*`):
// add a passkey on device A, sign in with it on a fresh device B (the credential copied
// into B's own authenticator, as a synced passkey would be), see "passkey" on B's row in
// A's devices list, revoke B live, remove the passkey and see the next passkey sign-in
// refused with a clear message.
import type { CDPSession, Page } from "@playwright/test";
import { expect, signInWithDemo, test, uniqueEmail } from "./fixtures";

type Credential = {
  credentialId: string;
  isResidentCredential: boolean;
  rpId?: string;
  privateKey: string;
  userHandle?: string;
  signCount: number;
};

/** A platform authenticator with user verification that says yes on its own. */
async function virtualAuthenticator(page: Page): Promise<{ cdp: CDPSession; id: string }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, id: authenticatorId };
}

async function credentials(auth: { cdp: CDPSession; id: string }): Promise<Credential[]> {
  const { credentials } = await auth.cdp.send("WebAuthn.getCredentials", {
    authenticatorId: auth.id,
  });
  return credentials as Credential[];
}

function deviceRow(page: Page, text: string | RegExp) {
  return page.getByRole("list", { name: "Your devices" }).getByRole("listitem").filter({
    hasText: text,
  });
}

test("add a passkey on A, sign in with it on B, revoke B live, remove it: the next sign-in is refused", async ({
  devices,
}) => {
  test.setTimeout(120_000);
  const user = { email: uniqueEmail("passkey"), name: "Pat Key" };

  // Device A: a fresh sign-in, then the Security page.
  const a = await devices.open();
  const authA = await virtualAuthenticator(a);
  await signInWithDemo(a, user);
  await a.goto("/account/security");
  await expect(a.getByRole("heading", { name: "Security", level: 1 })).toBeVisible();
  await expect(a.getByText("No passkeys yet")).toBeVisible();
  await a.getByRole("button", { name: "Add a passkey" }).click();
  const dialog = a.getByRole("dialog", { name: "Add a passkey" });
  await dialog.getByLabel("Passkey name").fill("Work laptop");
  await dialog.getByRole("button", { name: "Continue" }).click();
  await expect(dialog).toBeHidden();
  const passkeys = a.getByRole("list", { name: "Your passkeys" });
  await expect(passkeys.getByRole("listitem")).toHaveCount(1);
  await expect(passkeys.getByRole("listitem")).toContainText("Work laptop");
  await expect(passkeys.getByRole("listitem")).toContainText("Not used to sign in yet");
  const [credential] = await credentials(authA);
  expect(credential?.isResidentCredential).toBe(true);

  // Device B: its own authenticator holding the same passkey; signs in with it.
  const b = await devices.open();
  const authB = await virtualAuthenticator(b);
  await authB.cdp.send("WebAuthn.addCredential", {
    authenticatorId: authB.id,
    credential: { ...credential!, rpId: credential!.rpId ?? "localhost" },
  });
  await b.goto("/signin");
  await b.getByRole("button", { name: "Sign in with a passkey" }).click();
  await b.waitForURL(/\/account$/);
  await b.goto("/account/devices");
  await expect(deviceRow(b, "This device")).toContainText("Signed in with a passkey");

  // A sees B's row say how it signed in, the passkey's last use, and revokes B.
  await a.goto("/account/devices");
  const rowOfB = deviceRow(a, "Signed in with a passkey");
  await expect(rowOfB).toHaveCount(1);
  await expect(deviceRow(a, "This device")).toContainText("Signed in with the demo sign-in");
  await rowOfB.getByRole("button", { name: /^Revoke/ }).click();
  await a.getByRole("dialog").getByRole("button", { name: "Sign out device" }).click();
  await expect(b).toHaveURL(/\/signin\?.*notice=revoked/);
  await expect(b.getByText("This device was signed out from another device.")).toBeVisible();

  await a.goto("/account/security");
  await expect(passkeys.getByRole("listitem")).not.toContainText("Not used to sign in yet");

  // A removes the passkey; B's next passkey sign-in is refused and B stays signed out.
  await passkeys.getByRole("button", { name: /^Remove/ }).click();
  await a
    .getByRole("dialog", { name: "Remove Work laptop?" })
    .getByRole("button", { name: "Remove passkey" })
    .click();
  await expect(a.getByText("No passkeys yet")).toBeVisible();

  await b.goto("/signin");
  await b.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(b.getByRole("alert").filter({ hasText: /not registered here/ })).toBeVisible();
  await b.goto("/account");
  await expect(b).toHaveURL(/\/signin/);
});

test("adding a passkey needs a recent sign-in, and the options route refuses without one", async ({
  page,
}) => {
  // Signed out: no session to add a passkey to.
  const refused = await page.request.get("/api/auth/webauthn-options/passkey?action=register");
  expect(refused.ok()).toBe(false);
  // Signed in: the dialog and the button are there; the browser check shows the button.
  await signInWithDemo(page, { email: uniqueEmail("passkey-fresh"), name: "Fre Sh" });
  await page.goto("/account/security");
  await expect(page.getByRole("button", { name: "Add a passkey" })).toBeVisible();
});
