// Page sizes a caller may ask for: `paginationOptsValidator` takes any number, so every
// paginated function checks it here before reading.
import type { PaginationOptions } from "convex/server";
import { appError, ErrorCode } from "../errors";

/** The most rows one page of any list may ask for. */
export const PAGE_SIZE_MAX = 100;

export function checkedPage(opts: PaginationOptions, max = PAGE_SIZE_MAX): PaginationOptions {
  const { numItems } = opts;
  if (!Number.isInteger(numItems) || numItems < 1 || numItems > max) {
    throw appError(ErrorCode.INVALID_INPUT, `A page holds 1 to ${max} rows.`, {
      numItems: `1 to ${max}`,
    });
  }
  return opts;
}
