// The settings form's rules: what is accepted and the messages people see.
import { describe, expect, test } from "vitest";
import { DEVICE_LABEL_MAX } from "@/convex/shared/limits";
import { fieldErrors } from "./fields";
import { deviceLabelSchema, settingsSchema } from "./settings";

describe("settingsSchema", () => {
  test("accepts a theme, a listed locale and a tidied device name", () => {
    expect(
      settingsSchema.parse({
        theme: "dark",
        locale: "de-DE",
        label: "  Work   laptop ",
      }),
    ).toEqual({ theme: "dark", locale: "de-DE", label: "Work laptop" });
    expect(
      settingsSchema.parse({ theme: "system", locale: "", label: "" }),
    ).toEqual({
      theme: "system",
      locale: "",
      label: "",
    });
  });

  test("refuses an unknown theme or locale and a long name, with a message per field", () => {
    const result = settingsSchema.safeParse({
      theme: "sepia",
      locale: "xx-XX",
      label: "x".repeat(DEVICE_LABEL_MAX + 1),
    });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(fieldErrors(result.error)).toEqual({
      theme: "Choose light, dark or system.",
      locale: "Choose one of the listed formats.",
      label: "Keep the device name to 40 characters or fewer.",
    });
  });
});

test("a name of exactly the limit passes, after collapsing spaces", () => {
  const forty = `${"a".repeat(20)}   ${"b".repeat(19)}`;
  expect(deviceLabelSchema.parse(forty)).toHaveLength(DEVICE_LABEL_MAX);
});

test("a name hiding characters is refused before it reaches Convex", () => {
  const result = deviceLabelSchema.safeParse("Work\u202Epotpal");
  expect(result.success).toBe(false);
  if (!result.success) expect(result.error.issues[0]?.message).toMatch(/invisible/);
});
