// zod, set up for this app: every schema imports `z` from here. Jitless, because zod
// would otherwise compile object parsers with `new Function`, which the app's
// Content-Security-Policy forbids (no 'unsafe-eval'); each attempt is a reported violation.
import { z } from "zod";

z.config({ jitless: true });

export { z };
