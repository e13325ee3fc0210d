// The rules of `npm run convex:env:push`: production never gets the dev keys or demo admins.
import { describe, expect, test } from "vitest";
import { generateConvexAuthKeys } from "../dev/setup-env";
import { isDemoAddress, planEnvPush } from "./env-push-plan";

const devKeys = await generateConvexAuthKeys();
const fileEnv = {
  JWKS: devKeys.jwks,
  CONVEX_AUTH_ADAPTER_SECRET: "dev-adapter-secret-0123456789",
  ADMIN_EMAILS: "admin@example.com",
};

const value = (plan: Awaited<ReturnType<typeof planEnvPush>>, name: string) =>
  plan.assignments.find((a) => a.name === name)?.value;

describe("convex:env:push", () => {
  test("--prod makes a new key pair and adapter secret even without --new-keys", async () => {
    const plan = await planEnvPush({ fileEnv, prod: true, newKeys: false, adminEmails: "ops@shop.com" });
    expect(value(plan, "JWKS")).not.toBe(devKeys.jwks);
    expect(value(plan, "CONVEX_AUTH_ADAPTER_SECRET")).not.toBe(fileEnv.CONVEX_AUTH_ADAPTER_SECRET);
    expect(Object.keys(plan.nextSide).sort()).toEqual([
      "CONVEX_AUTH_ADAPTER_SECRET",
      "CONVEX_AUTH_PRIVATE_KEY",
    ]);
    expect(value(plan, "ADMIN_EMAILS")).toBe("ops@shop.com");
  });

  test("--prod refuses demo and reserved admin addresses, naming them", async () => {
    for (const adminEmails of [
      "admin@example.com",
      "ops@shop.com, owner@demo.shop",
      "a@b.test",
      "root@intranet.localhost",
    ]) {
      await expect(
        planEnvPush({ fileEnv, prod: true, newKeys: false, adminEmails }),
      ).rejects.toThrow(/demo or reserved addresses/);
    }
  });

  test("a dev deployment reuses the file's values and only warns about demo admins", async () => {
    const plan = await planEnvPush({
      fileEnv,
      prod: false,
      newKeys: false,
      adminEmails: "admin@example.com",
    });
    expect(value(plan, "JWKS")).toBe(devKeys.jwks);
    expect(plan.nextSide).toEqual({});
    expect(plan.warnings.join(" ")).toContain("admin@example.com");
  });

  test("reserved domains are recognised, real ones are not", () => {
    expect(["x@example.org", "x@mail.example", "x@shop.invalid"].every(isDemoAddress)).toBe(true);
    expect(["x@shop.com", "x@example.co.uk", "x@testing.io"].some(isDemoAddress)).toBe(false);
  });
});
