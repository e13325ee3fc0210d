import type { Session } from "next-auth";
import { describe, expect, it } from "vitest";
import { refreshSession, type SessionAnswer } from "./sessionToken";

const NOW = 1_000_000;
const session = (token: string, expiresAt: number): Session =>
  ({ sessionId: "s1", convexToken: token, convexTokenExpiresAt: expiresAt }) as Session;

function answers(...list: SessionAnswer[]) {
  const asked: number[] = [];
  return {
    asked,
    ask: async () => {
      asked.push(1);
      return list.length > 0 ? (list.shift() as SessionAnswer) : "unreachable";
    },
  };
}
const noWait = async () => {};

describe("refreshSession (the Convex token's source)", () => {
  it("takes the server's session when it answers", async () => {
    const fresh = session("new", NOW + 600_000);
    const { ask } = answers(fresh);
    expect(await refreshSession(session("old", NOW + 30_000), ask, noWait, () => NOW)).toBe(fresh);
  });

  it("signs out only when the server says there is no session", async () => {
    const { ask } = answers(null);
    expect(await refreshSession(session("old", NOW + 30_000), ask, noWait, () => NOW)).toBeNull();
  });

  it("keeps a still-valid token when the request fails (a navigation aborted it, the network blinked)", async () => {
    const held = session("old", NOW + 30_000);
    const { ask, asked } = answers("unreachable");
    expect(await refreshSession(held, ask, noWait, () => NOW)).toBe(held);
    expect(asked).toHaveLength(1);
  });

  it("retries for an expired token, and gives up after three failed attempts", async () => {
    const expired = session("old", NOW - 1);
    const fresh = session("new", NOW + 600_000);
    const recovered = answers("unreachable", fresh);
    expect(await refreshSession(expired, recovered.ask, noWait, () => NOW)).toBe(fresh);
    expect(recovered.asked).toHaveLength(2);

    const down = answers("unreachable", "unreachable", "unreachable", fresh);
    const waits: number[] = [];
    const wait = async (ms: number) => {
      waits.push(ms);
    };
    expect(await refreshSession(expired, down.ask, wait, () => NOW)).toBeNull();
    expect(down.asked).toHaveLength(3);
    expect(waits).toEqual([1_000, 2_000]);
  });
});
