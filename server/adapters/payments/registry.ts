import { env } from "@/config/env";
import type { TenantRef } from "@/server/domain/scope";
import { demoProvider } from "./demo";
import { payfipProvider } from "./payfip";
import { createStripeProvider } from "./stripe";
import type { PaymentProvider } from "./types";

/**
 * Every payment provider the code knows, by name. A new provider is one folder implementing
 * PaymentProvider (types.ts) plus its settings schema, added here; nothing else names it.
 */
const stripeProvider = createStripeProvider(() => env().stripe);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each provider has its own settings type, checked by its schema
const providers: Record<string, PaymentProvider<any>> = {
  [demoProvider.name]: demoProvider,
  [stripeProvider.name]: stripeProvider,
  [payfipProvider.name]: payfipProvider,
};

/** A provider and a commune's checked settings for it. */
export interface ConfiguredProvider {
  provider: PaymentProvider<unknown>;
  settings: unknown;
}

/**
 * The providers switched on in this deployment: the demo where `PAYMENT_PROVIDER` allows it, Stripe
 * when its secrets are set, PayFiP always (it needs no platform secret: each commune has its numcli).
 */
export function enabledPaymentProviders(): string[] {
  const e = env();
  return [...(e.paymentProvider ? [e.paymentProvider] : []), ...(e.stripe ? ["stripe"] : []), "payfip"];
}

/** A provider by its name, when switched on here (the notification route's `[provider]`); else null. */
export function paymentProviderNamed(name: string): PaymentProvider<unknown> | null {
  return enabledPaymentProviders().includes(name) ? (providers[name] ?? null) : null;
}

/** A commune's stored settings for one provider (`tenants.payment_settings` keeps one entry per provider). */
export const storedSettings = (tenant: Pick<TenantRef, "paymentSettings">, name: string): unknown => (tenant.paymentSettings ?? {})[name] ?? {};

/**
 * Who takes a commune's online payments, with its checked settings; null: nobody, families pay at
 * the counter. The commune's choice (`tenants.payment_provider`) when that provider is switched on
 * here and its settings are complete (a Stripe account, a PayFiP numcli); a commune that chose
 * nothing gets the deployment's default (`PAYMENT_PROVIDER`: the demo in development and test).
 */
export function paymentProviderFor(tenant: TenantRef): ConfiguredProvider | null {
  const name = tenant.paymentProvider ?? env().paymentProvider;
  const provider = name ? paymentProviderNamed(name) : null;
  if (!provider) return null;
  const settings = provider.settingsSchema.safeParse(storedSettings(tenant, provider.name));
  return settings.success ? { provider, settings: settings.data } : null;
}
