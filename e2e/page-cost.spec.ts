// What a signed-in page render costs in Convex round trips for auth: the local backend counts
// every function call (GET /_local/status), so this reads the count of Auth.js adapter calls
// before and after the server renders a page for a signed-in device. The figure is in the README.
import { expect, signInWithDemo, test, uniqueEmail } from "./fixtures";
import { E2E_CONVEX_URL } from "./ports";

async function adapterCalls(): Promise<Record<string, number>> {
  const response = await fetch(`${E2E_CONVEX_URL}/_local/status`);
  const { calls } = (await response.json()) as { calls: Record<string, number> };
  return Object.fromEntries(
    Object.entries(calls).filter(([path]) => path.startsWith("authAdapter:")),
  );
}

function delta(before: Record<string, number>, after: Record<string, number>) {
  const changed: Record<string, number> = {};
  for (const [path, count] of Object.entries(after)) {
    const diff = count - (before[path] ?? 0);
    if (diff !== 0) changed[path] = diff;
  }
  return changed;
}

test("a signed-in page render costs one Convex round trip for auth", async ({ page }) => {
  await signInWithDemo(page, { email: uniqueEmail("cost"), name: "Cora Cost" });
  // Let the sign-in's own calls (and any after-response work) finish first, then leave the
  // app: an open page may refresh its session in the background (window focus, a Convex token
  // nearing expiry), and the backend's counter would count that too. The request context
  // below still carries this device's cookies.
  await page.waitForLoadState("networkidle");
  await page.goto("about:blank");

  for (const path of ["/account", "/account/devices", "/"]) {
    const before = await adapterCalls();
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(200);
    expect(await response.text()).toContain("Cora Cost");
    const after = await adapterCalls();
    expect(delta(before, after), `adapter calls while rendering ${path}`).toEqual({
      "authAdapter:getSessionAndUser": 1,
    });
  }
});
