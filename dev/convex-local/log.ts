// Console output of the local backend: one line per function call, like `npx convex dev`,
// silenced entirely when the backend is started with `log: false` (tests).
export type Logger = {
  info(line: string): void;
  error(line: string): void;
  call(kind: string, udfPath: string, ok: boolean, ms: number, note?: string): void;
  /** Calls per function path since start (logged or not): lets tests count round trips. */
  callCounts(): Record<string, number>;
};

const KIND_LETTER: Record<string, string> = {
  query: "Q",
  mutation: "M",
  action: "A",
  http: "H",
};

export function createLogger(enabled: boolean): Logger {
  const stamp = () => new Date().toISOString().slice(11, 23);
  const counts = new Map<string, number>();
  return {
    callCounts() {
      return Object.fromEntries(counts);
    },
    info(line) {
      if (enabled) console.log(`${stamp()} ${line}`);
    },
    error(line) {
      // Errors of the backend itself are always shown: they mean something is broken.
      console.error(`${stamp()} ${line}`);
    },
    call(kind, udfPath, ok, ms, note = "") {
      counts.set(udfPath, (counts.get(udfPath) ?? 0) + 1);
      if (!enabled) return;
      const mark = ok ? "✔" : "✖";
      const letter = KIND_LETTER[kind] ?? "?";
      console.log(
        `${stamp()} ${mark} ${letter} ${udfPath} ${ms.toFixed(1)}ms${note ? ` ${note}` : ""}`,
      );
    },
  };
}
