import { z } from "zod";
import { communeModesInUse } from "@/server/domain/billing/billing-mode";
import { onlinePaymentsOpen } from "@/server/domain/billing/payment-provider";
import { billingSettingsInput, billingSettingsOf, contactInput, contactOf, setBillingSettings, setCommuneContact } from "@/server/domain/tenants/commune-settings";
import { paymentSettingsInput, paymentSettingsOf, setPaymentSettings, startProviderOnboarding } from "@/server/domain/tenants/payment-settings";
import { now as clockNow } from "@/common/clock";
import { LOGO_MAX_BYTES, setCommuneLogo } from "@/server/domain/tenants/logo";
import { uploadInput } from "@/server/lib/uploads";
import { messages } from "@/common/messages";
import { router, staffProcedure, staffProcedureNoTx, tenantProcedure } from "@/server/trpc";

const admin = staffProcedure("admin");

export const communeRouter = router({
  /** What the current commune's pages need to know about the caller; NOT_FOUND without access. */
  access: tenantProcedure.query(async ({ ctx }) => ({
    tenant: { slug: ctx.tenant.slug, name: ctx.tenant.name, billingMode: ctx.tenant.billingMode, timeZone: ctx.tenant.timeZone },
    /** The town hall's public contact details (families read them on their invoices). */
    contact: contactOf(ctx.tenant),
    /** Billing modes its activities use: a basket link, invoice runs, or both. */
    billingModes: await communeModesInUse(ctx.tenant),
    staffRoles: ctx.access.staffRoles,
    isParent: ctx.access.householdIds.length > 0,
    /** Whether families can pay online (a provider is configured); otherwise they pay at the counter. */
    onlinePayments: onlinePaymentsOpen(ctx.tenant),
  })),

  /** Admin: the commune's billing settings and contact details, as the settings page edits them. */
  settings: admin.query(({ ctx }) => ({ billing: billingSettingsOf(ctx.scope.tenant), contact: contactOf(ctx.scope.tenant), hasLogo: ctx.scope.tenant.logoKey !== null })),

  /** Admin: the logo printed on invoices (PNG or JPEG), or null to remove it; storage is called between transactions. */
  setLogo: staffProcedureNoTx("admin")
    .input(z.object({ logo: uploadInput(LOGO_MAX_BYTES, messages.everyday.logo.tooLarge).nullable() }))
    .mutation(({ ctx, input }) => setCommuneLogo(ctx.tenant, input.logo)),

  setBillingSettings: admin.input(billingSettingsInput).mutation(({ ctx, input }) => setBillingSettings(ctx.scope.tenant.id, input)),

  setContact: admin.input(contactInput).mutation(({ ctx, input }) => setCommuneContact(ctx.scope.tenant.id, input)),

  /** Admin: who takes the commune's online payments (demo, Stripe, PayFiP) and its settings. */
  paymentSettings: admin.query(({ ctx }) => paymentSettingsOf(ctx.scope.tenant)),

  setPaymentSettings: admin.input(paymentSettingsInput).mutation(({ ctx, input }) => setPaymentSettings(ctx.scope.tenant, input)),

  /** Admin: the link where the commune opens (or completes) its own account at the provider; calls out, hence no transaction. */
  startPaymentOnboarding: staffProcedureNoTx("admin").mutation(({ ctx }) =>
    startProviderOnboarding({ tenant: ctx.tenant, actor: ctx.actor, now: clockNow() }, { email: ctx.user.email ?? null }),
  ),
});
