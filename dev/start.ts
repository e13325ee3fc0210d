// `npm run dev`: the whole app offline with one command. Starts the service stack (dev/stack.ts)
// on the dev ports, then `next dev` on 127.0.0.1 with the generated env; prefixes every line with
// its source ([convex] [oidc] [mail] [next]); Ctrl-C or SIGTERM stops everything together.
//   npm run dev [-- --reset]    --reset: start from an empty database and mailbox
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { Services } from "./stack";

type Source = "stack" | "convex" | "oidc" | "mail" | "next";

const rootDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({
  options: { reset: { type: "boolean", default: false } },
});

// ---------------------------------------------------------------------------------------------
// Prefixed output. Our own lines go through the original writers; anything else written to this
// process's stdout/stderr is the local backend relaying its child's log (it writes there
// directly), or a library warning, and is tagged by content.

const tty = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
const COLOURS: Record<Source, string> = {
  stack: "1",
  convex: "35",
  oidc: "33",
  mail: "36",
  next: "32",
};
const writeOut = process.stdout.write.bind(process.stdout);
const writeErr = process.stderr.write.bind(process.stderr);

function tag(source: Source): string {
  const label = `[${source}]`.padEnd(8);
  return tty ? `\x1b[${COLOURS[source]}m${label}\x1b[0m` : label;
}

function emit(
  source: Source,
  text: string,
  stream: "out" | "err" = "out",
): void {
  const write = stream === "out" ? writeOut : writeErr;
  for (const line of text.replace(/\r?\n$/, "").split(/\r?\n/)) {
    write(`${tag(source)} ${line}\n`);
  }
}

/** Line-buffers a stream so a line split across chunks still gets one prefix. */
function pipeLines(
  stream: NodeJS.ReadableStream,
  source: Source,
  kind: "out" | "err",
): void {
  let buffer = "";
  stream.on("data", (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split("\n");
    buffer = lines.pop() ?? "";
    // Drop lines that are only terminal control codes (e.g. Next showing the cursor on exit).
    for (const line of lines)
      if (!/^(\x1b\[[0-9;?]*[A-Za-z])+$/.test(line)) emit(source, line, kind);
  });
  stream.on("end", () => {
    if (buffer) emit(source, buffer, kind);
  });
}

// oidc-provider's warnings about what the demo provider deliberately does (Node 20, in-memory
// storage): true, known, and not actionable for a developer running the app.
const KNOWN_NOISE = [
  /^oidc-provider WARNING: Unsupported runtime/,
  /^oidc-provider WARNING: a quick start development-only in-memory adapter/,
];

function untaggedSource(text: string): Source {
  return text.startsWith("oidc-provider ") ? "oidc" : "convex";
}

function interceptStray(stream: NodeJS.WriteStream, kind: "out" | "err"): void {
  let buffer = "";
  stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    buffer += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString();
    const lines = buffer.split("\n");
    buffer = lines.pop() ?? "";
    for (const line of lines) {
      if (!KNOWN_NOISE.some((noise) => noise.test(line)))
        emit(untaggedSource(line), line, kind);
    }
    const callback = rest.find((r): r is () => void => typeof r === "function");
    callback?.();
    return true;
  }) as NodeJS.WriteStream["write"];
}

interceptStray(process.stdout, "out");
interceptStray(process.stderr, "err");

// Imported only now, so warnings printed while the services' libraries load are tagged too.
const { assertPortFree, DEV_PORTS, PortInUseError, startServices } =
  await import("./stack");
const appUrl = `http://localhost:${DEV_PORTS.app}`;
const NEXT_DEV_HOST = "127.0.0.1";

// ---------------------------------------------------------------------------------------------

let services: Services | undefined;
let next: ChildProcess | undefined;
let stopping: Promise<void> | undefined;

function stopNext(): Promise<void> {
  const child = next;
  if (
    !child ||
    child.exitCode !== null ||
    child.signalCode !== null ||
    child.pid === undefined
  ) {
    return Promise.resolve();
  }
  const pid = child.pid;
  return new Promise((resolveStop) => {
    const force = setTimeout(() => {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        // already gone
      }
    }, 5_000);
    child.once("exit", () => {
      clearTimeout(force);
      resolveStop();
    });
    try {
      // next dev runs in its own process group (detached): signal the group so its workers
      // stop with it instead of being orphaned.
      process.kill(-pid, "SIGTERM");
    } catch {
      resolveStop();
    }
  });
}

function shutdown(code: number): Promise<void> {
  stopping ??= (async () => {
    emit("stack", "stopping…");
    await stopNext();
    await services?.close();
    process.exit(code);
  })();
  return stopping;
}

// Last resort if we die without a clean shutdown (uncaught error): no orphaned next dev.
process.on("exit", () => {
  if (
    next?.pid !== undefined &&
    next.exitCode === null &&
    next.signalCode === null
  ) {
    try {
      process.kill(-next.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
});
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

function nextBin(): string {
  const require = createRequire(import.meta.url);
  return join(
    dirname(require.resolve("next/package.json")),
    "dist",
    "bin",
    "next",
  );
}

function banner(s: Services): void {
  const bold = (t: string) => (tty ? `\x1b[1m${t}\x1b[0m` : t);
  const lines = [
    "",
    bold("Session Commerce is running offline"),
    `  App               ${s.appUrl}`,
    `  Data browser      ${s.convexUrl}`,
    `  Mail catcher      ${s.mailUrl}   (magic links land here)`,
    `  Demo sign-in      ${s.oidcIssuer}   ("Demo sign-in" on /signin: any email, any name)`,
    `  Admin             sign in as ${s.nextEnv.ADMIN_EMAILS ?? "admin@example.com"}`,
    "  Ctrl-C stops everything.",
    "",
  ];
  emit("stack", lines.join("\n"));
}

async function main(): Promise<void> {
  try {
    await assertPortFree("Next.js app", DEV_PORTS.app);
    services = await startServices({
      rootDir,
      ports: DEV_PORTS,
      appUrl,
      reset: values.reset,
      log: (source, line) => emit(source, line),
    });
  } catch (error) {
    emit(
      "stack",
      error instanceof Error ? error.message.split("\n")[0] : String(error),
      "err",
    );
    await services?.close();
    process.exit(1);
  }

  // Loopback only (next dev listens on every interface by default): the dev server runs with
  // the generated secrets and the demo sign-in, so nothing on the network may reach it. 127.0.0.1
  // rather than `localhost`, which may resolve to ::1 alone; browsers opening
  // http://localhost:3000 try 127.0.0.1 too.
  next = spawn(
    process.execPath,
    [nextBin(), "dev", "-H", NEXT_DEV_HOST, "-p", String(DEV_PORTS.app)],
    {
      cwd: rootDir,
      env: {
        ...process.env,
        ...services.nextEnv,
        // Keep Next's colours when we are on a terminal even though its output is piped to us.
        ...(tty ? { FORCE_COLOR: "1" } : {}),
        // Offline stack: no telemetry calls (set it to 0 yourself to opt back in).
        NEXT_TELEMETRY_DISABLED: process.env.NEXT_TELEMETRY_DISABLED ?? "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    },
  );
  if (next.stdout) pipeLines(next.stdout, "next", "out");
  if (next.stderr) pipeLines(next.stderr, "next", "err");
  next.once("exit", (code, signal) => {
    if (stopping) return;
    emit(
      "stack",
      `next dev exited (${signal ?? `code ${code}`}); stopping the other services`,
      "err",
    );
    void shutdown(code === 0 ? 0 : 1);
  });
  banner(services);
}

main().catch((error: unknown) => {
  if (error instanceof PortInUseError) emit("stack", error.message, "err");
  else
    emit(
      "stack",
      error instanceof Error ? (error.stack ?? error.message) : String(error),
      "err",
    );
  void shutdown(1);
});
