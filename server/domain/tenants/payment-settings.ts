import { eq } from "drizzle-orm";
import { z } from "zod";
import { tenants } from "@/db/schema";
import { withPlatform } from "@/db/transaction";
import { env } from "@/config/env";
import { enabledPaymentProviders, paymentProviderFor, paymentProviderNamed, storedSettings } from "@/server/adapters/payments/registry";
import { ProviderUnavailable } from "@/server/adapters/payments/types";
import type { ScopeOutsideTx, TenantRef } from "@/server/domain/scope";
import { AppError, notFound } from "@/server/errors";
import { messages } from "@/common/messages";

/**
 * Which provider takes a commune's online payments, and its settings for it (`tenants.payment_provider`,
 * `tenants.payment_settings`, one entry per provider so that switching back keeps the old settings).
 * Each provider checks its own settings with its schema; a provider whose settings are incomplete
 * (Stripe before onboarding) is not offered to families, who then pay at the counter.
 */

const m = messages.paymentsOnline.settings;

export const paymentSettingsInput = z.object({
  /** A provider's name, or "default": the deployment's default (the demo in development). */
  provider: z.string().trim().min(1).max(20),
  /** The provider's own settings typed in by the admin (PayFiP: numcli and mode); omitted for Stripe. */
  settings: z
    .record(z.string().max(40), z.string().max(200))
    .refine((r) => Object.keys(r).length <= 10)
    .optional(),
});

export interface PaymentSettingsView {
  /** The commune's choice ("default" when it made none). */
  provider: string;
  /** Providers switched on in this deployment, with their French names. */
  available: { name: string; label: string; connect: boolean }[];
  /** The stored settings of each provider (PayFiP numcli and mode, Stripe account id). */
  settings: Record<string, Record<string, unknown>>;
  /** Who really takes payments now (null: families are sent to the counter). */
  effective: string | null;
}

export function paymentSettingsOf(tenant: TenantRef): PaymentSettingsView {
  const available = enabledPaymentProviders().map((name) => ({ name, label: messages.paymentsOnline.providers[name] ?? name, connect: Boolean(paymentProviderNamed(name)?.connect) }));
  return {
    provider: tenant.paymentProvider ?? "default",
    available,
    settings: Object.fromEntries(available.map((p) => [p.name, storedSettings(tenant, p.name) as Record<string, unknown>])),
    effective: paymentProviderFor(tenant)?.provider.name ?? null,
  };
}

async function writeSettings(tenantId: string, change: { provider?: string | null; name: string; settings?: Record<string, unknown> }) {
  return withPlatform(async (tx) => {
    const [current] = await tx.select({ settings: tenants.paymentSettings }).from(tenants).where(eq(tenants.id, tenantId)).for("update");
    if (!current) throw notFound();
    const settings = change.settings ? { ...current.settings, [change.name]: change.settings } : current.settings;
    await tx
      .update(tenants)
      .set({ paymentSettings: settings, ...(change.provider !== undefined ? { paymentProvider: change.provider } : {}) })
      .where(eq(tenants.id, tenantId));
  });
}

/** The admin's choice of provider, with the settings it needs typed in (checked by the provider's schema). */
export async function setPaymentSettings(tenant: TenantRef, input: z.infer<typeof paymentSettingsInput>) {
  if (input.provider === "default") {
    await writeSettings(tenant.id, { provider: null, name: "default" });
    return { provider: "default" };
  }
  const provider = paymentProviderNamed(input.provider);
  if (!provider) throw new AppError("BAD_REQUEST", m.providerOff, "provider");
  let settings: Record<string, unknown> | undefined;
  if (input.settings) {
    const parsed = provider.settingsSchema.safeParse(input.settings);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new AppError("BAD_REQUEST", issue.message, String(issue.path[0] ?? "settings"));
    }
    settings = parsed.data as Record<string, unknown>;
  }
  await writeSettings(tenant.id, { provider: provider.name, name: provider.name, settings });
  return { provider: provider.name };
}

/**
 * Stripe Connect: creates the commune's own account at the provider if needed, stores its id, and
 * gives the link where the admin completes it. Calls out, so it runs outside any transaction.
 */
export async function startProviderOnboarding(scope: ScopeOutsideTx, input: { email: string | null }) {
  const { tenant } = scope;
  const provider = tenant.paymentProvider ? paymentProviderNamed(tenant.paymentProvider) : null;
  if (!provider?.connect) throw new AppError("BAD_REQUEST", m.stripeNotChosen);
  const stored = storedSettings(tenant, provider.name) as { accountId?: string };
  const back = `${env().appUrl}/${tenant.slug}/admin/facturation`;
  try {
    const link = await provider.connect.onboardingLink({
      commune: { id: tenant.id, name: tenant.name, email: tenant.email || input.email },
      accountId: stored.accountId ?? null,
      returnUrl: `${back}?compte=retour`,
      refreshUrl: `${back}?compte=relance`,
    });
    if (link.accountId !== stored.accountId) await writeSettings(tenant.id, { name: provider.name, settings: { ...stored, accountId: link.accountId } });
    return { url: link.url, accountId: link.accountId };
  } catch (error) {
    if (!(error instanceof ProviderUnavailable)) throw error;
    console.error("[recre] ouverture du compte chez le prestataire impossible", error);
    throw new AppError("BAD_REQUEST", m.connectDown);
  }
}
