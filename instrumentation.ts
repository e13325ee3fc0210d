// Runs once when the server boots. Parsing the env here turns a missing or malformed
// variable into one readable line at startup instead of a stack trace at the first
// request that needs it.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getServerEnv } = await import("@/lib/env");
  try {
    getServerEnv();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`Configuration error: ${message}`);
    process.exit(1);
  }
}
