// Turning a failed zod parse into what a form shows: one message per field.
import type { z } from "./zod";

/** The first message per field of a failed parse, keyed by input name ("form" for the whole). */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "form";
    fields[key] ??= issue.message;
  }
  return fields;
}
