// Scheduled housekeeping. Expired sessions stop working at once (`loadSession` checks
// `expires`), but their rows, carts and device settings stay until removed here; the
// removal is also what flips a still-open page's `sessions.current` to signedOut.
import { cronJobs } from "convex/server";
import { internal } from "./_generated/api";

const crons = cronJobs();

crons.interval(
  "remove expired sessions",
  { hours: 1 },
  internal.sessions.cleanupExpired,
  {},
);

crons.interval(
  "remove expired sign-in tokens",
  { hours: 1 },
  internal.sessions.cleanupExpiredVerificationTokens,
  {},
);

crons.interval(
  "remove unanswered passkey challenges",
  { hours: 1 },
  internal.passkeys.cleanupExpiredChallenges,
  {},
);

export default crons;
