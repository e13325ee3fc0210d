// Convex's per-function limits, enforced by the local backend so code that would fail on a real
// deployment fails here too. Numbers: https://docs.convex.dev/production/state/limits (and
// convex-test 0.0.70's DEFAULT_TRANSACTION_LIMITS, which follow it); wording: Convex's backend
// (get-convex/convex-backend, crates/value and the transaction size checks). The README's
// "Local backend vs real Convex" section lists each limit, its source and what differs.
import { getConvexSize, type Value } from "convex/values";

const MiB = 1 << 20;

export const LIMITS = {
  // Transactions (counted by convex-test's metrics tracker, switched on in engine.ts).
  documentsRead: 32_000,
  bytesRead: 16 * MiB,
  documentsWritten: 16_000,
  bytesWritten: 16 * MiB,
  indexRanges: 4_096,
  functionsScheduled: 1_000,
  scheduledArgsBytes: 16 * MiB,
  // Functions.
  executionMs: 1_000,
  argumentsBytes: 8 * MiB,
  returnBytes: 16 * MiB,
  // Values and documents.
  documentBytes: 1 * MiB,
  documentNesting: 16,
  valueNesting: 64,
  arrayLength: 8_192,
  objectFields: 1_024,
} as const;

/** Convex's hint after a read limit (crates/database, OVER_LIMIT_HELP). */
export const OVER_LIMIT_HELP =
  "Consider using smaller limits in your queries, paginating your queries, or using indexed queries with a selective index range expressions.";

/** A limit error: the function fails with it as Convex's would (`Uncaught Error: …`). */
export class LimitError extends Error {}

function formatMiB(bytes: number): string {
  return bytes % MiB === 0 ? `${bytes / MiB} MiB` : `${bytes} B`;
}

/** Walks a value once: nesting depth, array lengths and object field counts. */
function checkShape(value: unknown, what: string, maxNesting: number, depth = 0): void {
  if (Array.isArray(value)) {
    const nesting = depth + 1;
    if (nesting > maxNesting) {
      throw new LimitError(
        `${what} is too nested (nested ${nesting} levels deep > maximum nesting ${maxNesting})`,
      );
    }
    if (value.length > LIMITS.arrayLength) {
      throw new LimitError(
        `Array length is too long (${value.length} > maximum length ${LIMITS.arrayLength})`,
      );
    }
    for (const v of value) checkShape(v, what, maxNesting, nesting);
    return;
  }
  if (typeof value === "object" && value !== null && !(value instanceof ArrayBuffer)) {
    const nesting = depth + 1;
    if (nesting > maxNesting) {
      throw new LimitError(
        `${what} is too nested (nested ${nesting} levels deep > maximum nesting ${maxNesting})`,
      );
    }
    const keys = Object.keys(value);
    if (keys.length > LIMITS.objectFields) {
      throw new LimitError(
        `Object has too many fields (${keys.length} > maximum number ${LIMITS.objectFields})`,
      );
    }
    for (const k of keys)
      checkShape((value as Record<string, unknown>)[k], what, maxNesting, nesting);
  }
}

/** A document about to be written: size, nesting, arrays, fields. */
export function checkDocument(doc: Record<string, unknown>): void {
  // Nesting as Convex counts it: the document object is level 1, `{ a: [1] }` is nested 2 deep.
  checkShape(doc, "Document", LIMITS.documentNesting);
  let size: number;
  try {
    size = getConvexSize(doc as Value);
  } catch {
    return; // unresolved placeholders (commit timestamps) have no size yet
  }
  if (size > LIMITS.documentBytes) {
    throw new LimitError(
      `Value is too large (${size} B > maximum size ${formatMiB(LIMITS.documentBytes)})`,
    );
  }
}

/** Arguments a client sent, or the value a function returned. */
export function checkFunctionValue(value: Value, kind: "arguments" | "return value"): void {
  // Any Convex value may nest 64 deep (crates/value/src/size.rs); documents only 16.
  checkShape(value, "Value", LIMITS.valueNesting);
  const size = getConvexSize(value);
  const max = kind === "arguments" ? LIMITS.argumentsBytes : LIMITS.returnBytes;
  if (size > max) {
    throw new LimitError(
      kind === "arguments"
        ? `Function arguments are too large (${size} B > maximum size ${formatMiB(max)})`
        : `Function return value is too large (${size} B > maximum size ${formatMiB(max)})`,
    );
  }
}

/**
 * Queries and mutations: user code may run 1 s, database calls excluded (as on Convex). Checked
 * when the transaction ends: JavaScript cannot be preempted.
 */
export function checkExecutionTime(elapsedMs: number): void {
  if (elapsedMs > LIMITS.executionMs) {
    throw new LimitError(
      `Function execution timed out (maximum duration: ${LIMITS.executionMs / 1000}s)`,
    );
  }
}

// convex-test words its transaction limits its own way; clients get Convex's words.
const REWORDS: [RegExp, (limit: string) => string][] = [
  [
    /^Scanned too many documents in a single function execution \(limit: (\d+)\)\..*$/s,
    (n) =>
      `Too many documents read in a single function execution (limit: ${n}). ${OVER_LIMIT_HELP}`,
  ],
  [
    /^Read too much data in a single function execution \(limit: (\d+) bytes\)\..*$/s,
    (n) =>
      `Too many bytes read in a single function execution (limit: ${n} bytes). ${OVER_LIMIT_HELP}`,
  ],
  [
    /^Wrote too many documents in a single function execution \(limit: (\d+)\)\..*$/s,
    (n) => `Too many writes in a single function execution (limit: ${n})`,
  ],
  [
    /^Wrote too much data in a single function execution \(limit: (\d+) bytes\)\..*$/s,
    (n) => `Too many bytes written in a single function execution (limit: ${n} bytes)`,
  ],
  [
    /^Too many index ranges read in a single function execution \(limit: (\d+)\)\..*$/s,
    (n) => `Too many reads in a single function execution (limit: ${n}). ${OVER_LIMIT_HELP}`,
  ],
  [
    /^Scheduled too many functions in a single function execution \(limit: (\d+)\)\..*$/s,
    (n) => `Too many functions scheduled by this mutation (limit: ${n})`,
  ],
  [
    /^Scheduled function arguments too large in a single function execution \(limit: (\d+) bytes\)\..*$/s,
    (n) =>
      `Too large total size of the arguments of scheduled functions from this mutation (limit: ${n} bytes)`,
  ],
];

/** Convex's wording for a limit error raised by convex-test; other messages unchanged. */
export function convexLimitMessage(message: string): string {
  for (const [pattern, words] of REWORDS) {
    const m = pattern.exec(message);
    if (m) return words(m[1]);
  }
  return message;
}
