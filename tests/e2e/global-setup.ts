import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { startPayfipDouble } from "../fixtures/payfip-double";
import { SECRET_KEY, startStripeDouble, WEBHOOK_SECRET } from "../fixtures/stripe-double";
import { BASE_URL, DEMO_NOW } from "./harness";

/**
 * Serves the built app on a fresh embedded database (migrated and seeded by the server itself),
 * unless E2E_BASE_URL points at a server that is already running. Stripe and PayFiP are local doubles
 * (tests/fixtures), switched on for the server: a commune keeps the demo provider until its admin
 * chooses one of them (online-payments.e2e.ts does, and chooses the demo again at its end).
 */
export default async function setup() {
  if (process.env.E2E_BASE_URL) return;
  const root = path.resolve(__dirname, "../..");
  const next = path.join(root, "node_modules", ".bin", "next");
  if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
    const build = spawnSync(next, ["build"], { cwd: root, stdio: "inherit" });
    if (build.status !== 0) throw new Error("next build a échoué");
  }
  const dataDir = path.join(root, ".test-data", "e2e");
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const port = new URL(BASE_URL).port;
  // The journeys are written against the demo dates: the server's clock is pinned to the demo's "today".
  const [stripe, payfip] = await Promise.all([startStripeDouble({ refundWebhooks: true, webhookUrl: `${BASE_URL}/api/paiements/stripe` }), startPayfipDouble()]);
  const payments = { STRIPE_SECRET_KEY: SECRET_KEY, STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_API_URL: stripe.url, PAYFIP_SOAP_URL: payfip.soapUrl, PAYFIP_PAGE_URL: payfip.pageUrl };
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PORT: port, DATA_DIR: dataDir, APP_URL: BASE_URL, APP_ENV: "test", RECRE_NOW: DEMO_NOW, ...payments };
  delete env.DATABASE_URL;
  delete env.RESEND_API_KEY;
  const server: ChildProcess = spawn(next, ["start", "--port", port], { cwd: root, env, stdio: ["ignore", "inherit", "inherit"] });
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      const res = await fetch(`${BASE_URL}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (server.exitCode !== null) throw new Error("le serveur s'est arrêté au démarrage");
    if (Date.now() > deadline) throw new Error("le serveur ne répond pas après 90 s");
    await new Promise((r) => setTimeout(r, 300));
  }
  return async () => {
    server.kill("SIGTERM");
    await Promise.all([stripe.close(), payfip.close()]);
  };
}
