/**
 * `npx tsx scripts/payment-doubles.ts [--stripe-port 4201] [--payfip-port 4202] [--app-url http://localhost:3000]`:
 * local stand-ins for Stripe (API, Checkout page, Connect onboarding, signed webhooks) and PayFiP
 * (SOAP service, payment page, notification), to try online payments on a development server
 * without any account. Start the server with the variables this prints (docs/payments.md). No money
 * moves; nothing leaves the machine. Ctrl-C stops them.
 */
import { startPayfipDouble } from "../tests/fixtures/payfip-double";
import { SECRET_KEY, startStripeDouble, WEBHOOK_SECRET } from "../tests/fixtures/stripe-double";

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 && process.argv[at + 1] ? process.argv[at + 1]! : fallback;
}

async function main() {
  const appUrl = option("app-url", "");
  const stripe = await startStripeDouble({
    port: Number(option("stripe-port", "4201")),
    refundWebhooks: true,
    // Without --app-url, the webhooks go to the origin of the first Checkout session's success_url.
    ...(appUrl ? { webhookUrl: new URL("/api/paiements/stripe", appUrl).href } : {}),
  });
  const payfip = await startPayfipDouble({ port: Number(option("payfip-port", "4202")) });
  console.info(
    [
      "Doubles de Stripe et PayFiP démarrés (mode test, aucun argent ne circule). Démarrez le serveur avec :",
      `STRIPE_SECRET_KEY=${SECRET_KEY}`,
      `STRIPE_WEBHOOK_SECRET=${WEBHOOK_SECRET}`,
      `STRIPE_API_URL=${stripe.url}`,
      `PAYFIP_SOAP_URL=${payfip.soapUrl}`,
      `PAYFIP_PAGE_URL=${payfip.pageUrl}`,
    ].join("\n"),
  );
  const stop = () => void Promise.all([stripe.close(), payfip.close()]).then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
