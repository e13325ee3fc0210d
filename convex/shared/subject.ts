// The Convex token's subject, `userId;sessionId`: written by the Next.js server when it
// mints a token (`server/convex-token.ts`) and read back by every signed-in Convex
// function (`lib/sessions.ts`). Pure, so both sides import this one definition.

const SEPARATOR = ";";

export type SubjectParts = { userId: string; sessionId: string };

/** The subject for one device of one user; throws on ids that could not round-trip. */
export function formatSubject(userId: string, sessionId: string): string {
  if (!userId || !sessionId || userId.includes(SEPARATOR) || sessionId.includes(SEPARATOR)) {
    throw new Error("A Convex token subject needs a user id and a session id.");
  }
  return `${userId}${SEPARATOR}${sessionId}`;
}

/** The two ids of a subject, or null when it is not exactly `userId;sessionId`. */
export function parseSubject(subject: string): SubjectParts | null {
  const parts = subject.split(SEPARATOR);
  if (parts.length !== 2 || !parts[0] || !parts[1]) return null;
  return { userId: parts[0], sessionId: parts[1] };
}
