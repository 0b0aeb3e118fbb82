import Stripe from "stripe";
import { z } from "zod";
import { InvalidNotification, ProviderUnavailable, type PaymentProvider, type PaymentStartInput } from "../types";
import { stripeEvent } from "./events";

/**
 * Card payments through Stripe Checkout, on each commune's own connected account (Connect): the
 * session, its refunds and its events live on the commune's account, never the platform's, which
 * only holds the secret key that acts for it (the `Stripe-Account` header on every call).
 */

export interface StripeConfig {
  secretKey: string;
  webhookSecret: string;
  /** Another address for Stripe's API (a local double); null: Stripe's own. */
  apiUrl: string | null;
  /** Milliseconds before a call counts as failed (the parent is told to retry). */
  timeoutMs?: number;
}

const settingsSchema = z.object({ accountId: z.string().regex(/^acct_[A-Za-z0-9]{1,64}$/) }).strict();
export type StripeSettings = z.infer<typeof settingsSchema>;

/** Stripe keeps a Checkout Session open 30 minutes at least: ours closes a little after our own page's window. */
const SESSION_GRACE_SECONDS = 5 * 60;

const clients = new Map<string, Stripe>();
function clientFor(config: StripeConfig): Stripe {
  const key = `${config.secretKey}|${config.apiUrl ?? ""}|${config.timeoutMs ?? ""}`;
  let client = clients.get(key);
  if (!client) {
    const url = config.apiUrl ? new URL(config.apiUrl) : null;
    client = new Stripe(config.secretKey, {
      ...(url ? { host: url.hostname, port: url.port || (url.protocol === "https:" ? 443 : 80), protocol: url.protocol === "https:" ? "https" : "http" } : {}),
      // Every call that creates something carries our idempotency key, so one retry is safe.
      maxNetworkRetries: 1,
      timeout: config.timeoutMs ?? 15_000,
      telemetry: false,
      appInfo: { name: "Recre" },
    });
    clients.set(key, client);
  }
  return client;
}

/** Runs a call to Stripe; any failure (network, timeout, refusal) is the provider being unavailable. */
async function calling<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new ProviderUnavailable(`stripe: ${what} : ${error instanceof Error ? error.message : String(error)}`);
  }
}

function checkoutParams(input: PaymentStartInput) {
  const metadata = { paymentRef: input.paymentRef, tenantId: input.commune.id };
  return {
    mode: "payment" as const,
    locale: "fr" as const,
    line_items: [{ quantity: 1, price_data: { currency: "eur", unit_amount: input.amountCents, product_data: { name: input.description } } }],
    client_reference_id: input.paymentRef,
    metadata,
    payment_intent_data: { metadata, description: `${input.commune.name} — ${input.description}`.slice(0, 500) },
    ...(input.customerEmail ? { customer_email: input.customerEmail } : {}),
    success_url: input.returnUrl,
    // Back from « Retour » on Checkout: the result page says the parent left, not « waiting for the bank ».
    cancel_url: `${input.returnUrl}${input.returnUrl.includes("?") ? "&" : "?"}annule=1`,
    expires_at: Math.floor(input.expiresAt.getTime() / 1000) + SESSION_GRACE_SECONDS,
  };
}

/** The Stripe provider, reading its secrets when called (null: Stripe is not configured here). */
export function createStripeProvider(config: () => StripeConfig | null): PaymentProvider<StripeSettings> {
  const configured = () => {
    const c = config();
    if (!c) throw new ProviderUnavailable("stripe: non configuré");
    return { config: c, client: clientFor(c) };
  };
  return {
    name: "stripe",
    method: "card",
    settingsSchema,

    async start(input, settings) {
      const { client } = configured();
      // Our payment reference is the idempotency key: a start retried after a crash is the same session.
      const session = await calling("création de la session", () =>
        client.checkout.sessions.create(checkoutParams(input), { stripeAccount: settings.accountId, idempotencyKey: input.paymentRef }),
      );
      if (!session.url) throw new ProviderUnavailable("stripe: session sans page de paiement");
      return { redirectUrl: session.url, providerReference: session.id };
    },

    async verifyNotification(notification, { settingsOf }) {
      const { config: c, client } = configured();
      const signature = notification.headers.get("stripe-signature");
      if (!signature) throw new InvalidNotification("stripe: signature absente");
      let event: unknown;
      try {
        event = client.webhooks.constructEvent(notification.body, signature, c.webhookSecret);
      } catch {
        throw new InvalidNotification("stripe: signature invalide");
      }
      return stripeEvent(event, settingsOf);
    },

    async refund(input, settings) {
      const { client } = configured();
      const options = { stripeAccount: settings.accountId };
      const session = await calling("lecture de la session", () => client.checkout.sessions.retrieve(input.providerReference, {}, options));
      const paymentIntent = typeof session.payment_intent === "string" ? session.payment_intent : session.payment_intent?.id;
      if (!paymentIntent) throw new ProviderUnavailable("stripe: session sans paiement à rembourser");
      const refund = await calling("remboursement", () =>
        client.refunds.create(
          { payment_intent: paymentIntent, amount: input.amountCents, metadata: { paymentRef: input.paymentRef, refundRef: input.idempotencyKey } },
          { ...options, idempotencyKey: input.idempotencyKey },
        ),
      );
      return { refundReference: refund.id };
    },

    connect: {
      async onboardingLink(input) {
        const { client } = configured();
        let accountId = input.accountId;
        if (!accountId) {
          // One account per commune, however often its admin clicks.
          const account = await calling("création du compte", () =>
            client.accounts.create(
              { type: "standard", country: "FR", ...(input.commune.email ? { email: input.commune.email } : {}), business_profile: { name: input.commune.name } },
              { idempotencyKey: `account_${input.commune.id}` },
            ),
          );
          accountId = account.id;
        }
        const id = accountId;
        const link = await calling("lien d'ouverture du compte", () =>
          client.accountLinks.create({ account: id, type: "account_onboarding", return_url: input.returnUrl, refresh_url: input.refreshUrl }),
        );
        return { accountId: id, url: link.url };
      },

      async accountReady(accountId) {
        const { client } = configured();
        const account = await calling("lecture du compte", () => client.accounts.retrieve(accountId));
        return account.charges_enabled === true;
      },
    },
  };
}
