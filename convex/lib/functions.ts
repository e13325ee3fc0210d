// Function builders for work that needs a signed-in caller. Domain modules use these
// instead of bare `query`/`mutation`/`action`: each puts a checked
// `{ userId, sessionId, session }` on `ctx` or refuses the call with UNAUTHENTICATED.
import {
  customAction,
  customCtx,
  customMutation,
  customQuery,
} from "convex-helpers/server/customFunctions";
import { internal } from "../_generated/api";
import { action, mutation, query } from "../_generated/server";
import { appError, ErrorCode } from "../errors";
import { loadSession, type CheckedSession } from "./session";

function signedOut() {
  return appError(
    ErrorCode.UNAUTHENTICATED,
    "You are signed out on this device. Sign in again to continue.",
  );
}

export const sessionQuery = customQuery(
  query,
  customCtx(async (ctx) => {
    const checked = await loadSession(ctx);
    if (checked === null) throw signedOut();
    return checked;
  }),
);

export const sessionMutation = customMutation(
  mutation,
  customCtx(async (ctx) => {
    const checked = await loadSession(ctx);
    if (checked === null) throw signedOut();
    return checked;
  }),
);

export const sessionAction = customAction(
  action,
  customCtx(async (ctx): Promise<CheckedSession> => {
    const checked: CheckedSession | null = await ctx.runQuery(
      internal.sessions.checkCaller,
      {},
    );
    if (checked === null) throw signedOut();
    return checked;
  }),
);
