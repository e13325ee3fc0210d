// Who is an admin: the e-mail addresses in the `ADMIN_EMAILS` env variable
// (comma-separated, case-insensitive). Checked on every call against the caller's user
// row, so removing an address from the variable takes effect at once.

/** The configured admin addresses, lower-cased; empty when the variable is unset. */
export function adminEmails(): Set<string> {
  return new Set(
    (process.env.ADMIN_EMAILS ?? "")
      .split(",")
      .map((e) => e.trim().toLowerCase())
      .filter((e) => e.length > 0),
  );
}

export function isAdminEmail(email: string | null | undefined): boolean {
  if (!email) return false;
  return adminEmails().has(email.trim().toLowerCase());
}
