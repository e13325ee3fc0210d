// Error codes callers can act on. Every `ConvexError` thrown by our functions carries
// `{ code, message }` where `message` is written for a person; the UI branches on `code`.
import { ConvexError } from "convex/values";

export const ErrorCode = {
  /** No valid token, or the session named by the token is gone or expired. */
  UNAUTHENTICATED: "UNAUTHENTICATED",
  /** Signed in, but not allowed to do this (another user's row, not staff, not admin). */
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  /** Arguments were well-typed but not acceptable (empty name, negative quantity, ...). */
  INVALID_INPUT: "INVALID_INPUT",
  OUT_OF_STOCK: "OUT_OF_STOCK",
  /** Too many calls of this kind for now; `retryAt` says when the next one may succeed. */
  RATE_LIMITED: "RATE_LIMITED",
  /** The adapter secret was missing or wrong. */
  BAD_ADAPTER_SECRET: "BAD_ADAPTER_SECRET",
  // Passkey refusals; their messages are in shared/passkeys.ts.
  PASSKEY_CHALLENGE_EXPIRED: "PASSKEY_CHALLENGE_EXPIRED",
  PASSKEY_CHALLENGE_USED: "PASSKEY_CHALLENGE_USED",
  PASSKEY_COUNTER_BACKWARDS: "PASSKEY_COUNTER_BACKWARDS",
  PASSKEY_OTHER_USER: "PASSKEY_OTHER_USER",
  PASSKEY_UNKNOWN: "PASSKEY_UNKNOWN",
  PASSKEY_RECENT_SIGN_IN_REQUIRED: "PASSKEY_RECENT_SIGN_IN_REQUIRED",
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export type AppErrorData = {
  code: ErrorCode;
  message: string;
  /** Per-field messages for form errors, keyed by field name. */
  fields?: Record<string, string>;
  /** RATE_LIMITED: when (ms since the epoch) trying again can succeed. */
  retryAt?: number;
};

export function appError(
  code: ErrorCode,
  message: string,
  fields?: Record<string, string>,
  retryAt?: number,
): ConvexError<AppErrorData> {
  return new ConvexError<AppErrorData>({
    code,
    message,
    ...(fields ? { fields } : {}),
    ...(retryAt !== undefined ? { retryAt } : {}),
  });
}

/** INVALID_INPUT with a message per field, when any field has one. */
export function throwIfInvalid(fields: Record<string, string>): void {
  if (Object.keys(fields).length > 0) {
    throw appError(ErrorCode.INVALID_INPUT, "Please fix the highlighted fields.", fields);
  }
}

/** Narrow an unknown error (e.g. caught in the UI) to our error data, if it is one. */
export function appErrorData(error: unknown): AppErrorData | null {
  if (error instanceof ConvexError) {
    const data = error.data as Partial<AppErrorData> | undefined;
    if (data && typeof data.code === "string" && typeof data.message === "string") {
      return data as AppErrorData;
    }
  }
  return null;
}
