// The layer rules of README "Architecture", as ESLint enforces them: each case is an
// import someone could write in a folder, and whether lint lets it through.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, test } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
let eslint: ESLint;

beforeAll(async () => {
  eslint = new ESLint({ cwd: root });
  // Loading the config and its plugins takes seconds on a busy machine: do it once here.
  await eslint.lintText("", { filePath: path.join(root, "lib/warm-up.ts") });
}, 120_000);

/** The `no-restricted-imports` messages for one import line placed in `file`. */
async function refusals(file: string, specifier: string): Promise<string[]> {
  const [result] = await eslint.lintText(`import "${specifier}";\n`, {
    filePath: path.join(root, file),
  });
  return result.messages
    .filter((m) => m.ruleId === "no-restricted-imports")
    .map((m) => m.message);
}

describe("layer rules", () => {
  test.each([
    ["app/account/page.tsx", "@/dev/stack", /offline stack/],
    ["components/shop/cart.ts", "../../dev/convex-local/index", /offline stack/],
    ["lib/env.ts", "@/dev/setup-env", /offline stack/],
    ["convex/carts.ts", "../dev/stack", /offline stack|deployed on its own/],
    ["emails/layout.tsx", "@/dev/mail-catcher/pages", /offline stack/],
    ["server/session.ts", "@/dev/stack", /offline stack/],
    ["app/account/page.tsx", "@/convex/lib/sessions", /_generated\/, errors and shared/],
    ["components/shop/cart.ts", "@/convex/carts", /_generated\/, errors and shared/],
    ["app/s/[store]/page.tsx", "convex/nextjs", /server\/convex\.ts/],
    ["app/account/page.tsx", "@/auth", /server\/session\.ts/],
    ["lib/money.ts", "@/server/session", /layer above/],
    ["lib/money.ts", "@/components/ui/Button", /UI components/],
    ["emails/layout.tsx", "@/components/layout/SiteHeader", /UI components/],
    ["app/account/page.tsx", "@/emails/NewDeviceEmail", /server\/email\.ts/],
    ["server/shop.ts", "@/app/account/page", /Routes import shared code/],
    ["convex/carts.ts", "@/lib/money", /deployed on its own/],
    ["convex/lib/carts.ts", "../../lib/money", /deployed on its own/],
    ["middleware.ts", "@/server/session", /layer above/],
    ["components/shop/cart.ts", "zod", /jitless/],
  ])("%s may not import %s", async (file, specifier, reason) => {
    const messages = await refusals(file, specifier);
    expect(messages.length, `no refusal for ${specifier} in ${file}`).toBeGreaterThan(0);
    expect(messages.join("\n")).toMatch(reason);
  });

  test.each([
    ["app/account/page.tsx", "@/convex/_generated/api"],
    ["app/account/page.tsx", "@/convex/errors"],
    ["components/shop/cart.ts", "@/convex/shared/limits"],
    ["lib/validations/settings.ts", "@/convex/shared/devices"],
    ["app/account/page.tsx", "@/server/session"],
    ["app/api/auth/[...nextauth]/route.ts", "@/auth"],
    ["server/email.ts", "@/emails/NewDeviceEmail"],
    ["convex/lib/carts.ts", "../errors"],
    ["convex/carts.ts", "./lib/carts"],
    ["dev/stack.ts", "../convex/lib/sessions"],
  ])("%s may import %s", async (file, specifier) => {
    expect(await refusals(file, specifier)).toEqual([]);
  });
});
