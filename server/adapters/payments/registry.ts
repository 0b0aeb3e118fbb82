import { env } from "@/config/env";
import type { TenantRef } from "@/server/domain/scope";
import { demoProvider } from "./demo";
import type { PaymentProvider } from "./types";

/**
 * Every payment provider the code knows, by name. A new provider is one folder implementing
 * PaymentProvider (types.ts) plus its settings schema, added here; nothing else names it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each provider has its own settings type, checked by its schema
const providers: Record<string, PaymentProvider<any>> = {
  [demoProvider.name]: demoProvider,
};

/** A provider and a commune's checked settings for it. */
export interface ConfiguredProvider {
  provider: PaymentProvider<unknown>;
  settings: unknown;
}

/** The providers switched on in this deployment (`PAYMENT_PROVIDER`, config/env.ts). */
function enabledNames(): string[] {
  const name = env().paymentProvider;
  return name ? [name] : [];
}

/** A provider by its name, when switched on here (the notification route's `[provider]`); else null. */
export function paymentProviderNamed(name: string): PaymentProvider<unknown> | null {
  return enabledNames().includes(name) ? (providers[name] ?? null) : null;
}

/**
 * Who takes a commune's online payments, with its settings; null: nobody, families pay at the
 * counter. Per-commune choice and settings (Stripe account, PayFiP numcli) come with real
 * providers; until then every commune uses the deployment's provider with empty settings.
 */
export function paymentProviderFor(tenant: TenantRef): ConfiguredProvider | null {
  void tenant;
  const name = enabledNames()[0];
  const provider = name ? providers[name] : undefined;
  if (!provider) return null;
  return { provider, settings: provider.settingsSchema.parse({}) };
}
