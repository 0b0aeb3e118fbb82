import { randomUUID } from "node:crypto";
import type { PaymentMethod } from "@/db/schema";
import { paymentProviderFor } from "@/server/adapters/payments/registry";
import type { TenantRef } from "@/server/domain/scope";
import { AppError } from "@/server/errors";
import { messages } from "@/common/messages";

/**
 * What the billing domain knows of online payment providers: whether the commune has one, our
 * reference of a payment, and our result page. Which provider, and how it is called, is the
 * adapters' business (server/adapters/payments); the start sequence is payment-start.ts.
 */

/** Whether a provider takes this commune's online payments; if not, families pay at the counter. */
export const onlinePaymentsOpen = (tenant: TenantRef): boolean => paymentProviderFor(tenant) !== null;

/** Refuses to open an online payment when no provider takes them, saying where to pay instead. */
export function assertOnlinePayments(tenant: TenantRef, message: string = messages.onlinePayment.unavailable) {
  if (!onlinePaymentsOpen(tenant)) throw new AppError("BAD_REQUEST", message);
}

/** The method recorded for a payment: the provider's, or for a basket the credit covers (no money moves, no provider) the demo's, as always. */
export const paymentMethodFor = (tenant: TenantRef): PaymentMethod => paymentProviderFor(tenant)?.provider.method ?? "demo";
export const paymentProviderNameFor = (tenant: TenantRef): string | null => paymentProviderFor(tenant)?.provider.name ?? null;

/** Our reference of an online payment, given to the provider; unguessable, as it appears in URLs. */
export const newPaymentRef = () => `pay_${randomUUID()}`;

/** Where the parent lands once the provider has answered. */
export const paymentResultUrl = (tenant: Pick<TenantRef, "slug">, ref: string) => `/${tenant.slug}/paiement/resultat?ref=${encodeURIComponent(ref)}`;

export interface PaymentStart {
  ref: string;
  amountCents: number;
  /** Where the parent goes next: the provider's page, or the result when nothing was left to pay. */
  url: string;
  settled: boolean;
}

/**
 * A payment written and committed by the first transaction of a start (payment-start.ts), before
 * the provider is called: `redirectUrl` is set when an open payment for the same thing already has
 * its provider page (a second tab), null when the provider must still be asked.
 */
export interface OpenedPayment {
  ref: string;
  amountCents: number;
  settled: boolean;
  redirectUrl: string | null;
  expiresAt: Date | null;
  /** French, shown on the provider's page. */
  description: string;
}
