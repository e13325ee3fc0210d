// The token subject is written by the Next.js server and read by Convex: both sides use
// this codec, so what one writes the other must read back, and nothing else.
import { describe, expect, test } from "vitest";
import { formatSubject, parseSubject } from "./subject";

describe("token subject", () => {
  test("round-trips a user id and a session id", () => {
    const subject = formatSubject("user123", "session456");
    expect(subject).toBe("user123;session456");
    expect(parseSubject(subject)).toEqual({ userId: "user123", sessionId: "session456" });
  });

  test.each([["", "s"], ["u", ""], ["u;x", "s"], ["u", "s;x"]])(
    "refuses to write ids that could not be read back: %j",
    (userId, sessionId) => {
      expect(() => formatSubject(userId, sessionId)).toThrow(/user id and a session id/);
    },
  );

  test.each(["", "u", "u;", ";s", "u;s;x", ";"])("reads %j as no subject", (subject) => {
    expect(parseSubject(subject)).toBeNull();
  });
});
