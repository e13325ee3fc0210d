import { describe, expect, test } from "vitest";
import { passkeyNameSchema } from "./passkeys";

describe("passkeyNameSchema", () => {
  test("collapses spaces and accepts up to 40 characters", () => {
    expect(passkeyNameSchema.parse("  Work   laptop ")).toBe("Work laptop");
    expect(passkeyNameSchema.safeParse("x".repeat(40)).success).toBe(true);
  });

  test("refuses an empty or over-long name with a message", () => {
    expect(passkeyNameSchema.safeParse("   ").error?.issues[0]?.message).toMatch(/name/);
    expect(passkeyNameSchema.safeParse("x".repeat(41)).error?.issues[0]?.message).toMatch(/40/);
  });
});
