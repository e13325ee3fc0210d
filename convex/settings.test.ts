import { describe, expect, test } from "vitest";
import { api } from "./_generated/api";
import { canonicalLocale } from "./settings";
import { failure, asDevice as as, newTest } from "./test.setup";

async function setup() {
  const t = newTest();
  const ids = await t.run(async (ctx) => {
    const alice = await ctx.db.insert("users", { email: "alice@example.com" });
    const session = (token: string) =>
      ctx.db.insert("sessions", {
        userId: alice,
        sessionToken: token,
        expires: Date.now() + 3_600_000,
        browser: "Safari",
        os: "iOS",
      });
    return { alice, a1: await session("a1"), a2: await session("a2") };
  });
  return { t, ...ids };
}

describe("device settings", () => {
  test("a session starts with defaults; changes stay on that session only", async () => {
    const { t, alice, a1, a2 } = await setup();
    const defaults = {
      theme: "system",
      locale: null,
      label: null,
      deviceName: "Safari on iOS",
    };
    expect(await as(t, alice, a1).query(api.settings.mine, {})).toEqual(
      defaults,
    );

    await as(t, alice, a1).mutation(api.settings.update, {
      theme: "dark",
      locale: "de-de",
      label: "  Work   phone ",
    });
    expect(await as(t, alice, a1).query(api.settings.mine, {})).toEqual({
      theme: "dark",
      locale: "de-DE",
      label: "Work phone",
      deviceName: "Work phone",
    });
    expect(await as(t, alice, a2).query(api.settings.mine, {})).toEqual(
      defaults,
    );

    // Omitted fields stay; null clears.
    await as(t, alice, a1).mutation(api.settings.update, { locale: null });
    await as(t, alice, a1).mutation(api.settings.update, { label: "" });
    expect(await as(t, alice, a1).query(api.settings.mine, {})).toEqual({
      ...defaults,
      theme: "dark",
    });
  });

  test("a long label and an implausible locale are refused and nothing is stored", async () => {
    const { t, alice, a1 } = await setup();
    const error = await failure(
      as(t, alice, a1).mutation(api.settings.update, {
        theme: "dark",
        locale: "not a locale",
        label: "x".repeat(41),
      }),
    );
    expect(error.code).toBe("INVALID_INPUT");
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(["label", "locale"]);
    expect(
      await t.run((ctx) => ctx.db.query("deviceSettings").collect()),
    ).toEqual([]);
    expect((await failure(t.query(api.settings.mine, {}))).code).toBe(
      "UNAUTHENTICATED",
    );
  });

  test("canonicalLocale accepts language[-Script][-REGION] tags only", () => {
    expect(canonicalLocale("en")).toBe("en");
    expect(canonicalLocale("en-gb")).toBe("en-GB");
    expect(canonicalLocale("zh-hant-tw")).toBe("zh-Hant-TW");
    expect(canonicalLocale("es-419")).toBe("es-419");
    expect(canonicalLocale("english")).toBeNull();
    expect(canonicalLocale("en_GB")).toBeNull();
    expect(canonicalLocale("")).toBeNull();
  });
});
