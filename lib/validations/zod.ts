// zod, set up for this app: every schema imports `z` from here. Jitless, because zod
// would otherwise compile object parsers with `new Function`, which the app's
// Content-Security-Policy forbids (no 'unsafe-eval'); each attempt is a reported violation.
import { z } from "zod";
import { HIDDEN_CHARACTERS_MESSAGE, hasHiddenCharacters } from "@/convex/shared/text";

z.config({ jitless: true });

export { z };

/** Free text people type: refused when it hides characters (convex/shared/text.ts, as Convex does). */
export function visibleText(schema: z.ZodString, options: { multiline?: boolean } = {}) {
  return schema.refine((value) => !hasHiddenCharacters(value, options), {
    error: HIDDEN_CHARACTERS_MESSAGE,
  });
}
