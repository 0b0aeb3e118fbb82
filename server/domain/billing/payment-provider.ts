import { randomUUID } from "node:crypto";
import type { Tenant } from "@/server/domain/tenants/tenants";
import { env } from "@/config/env";
import { AppError } from "@/server/errors";
import { messages } from "@/common/messages";

/**
 * The one online payment adapter, for a basket or for invoices: the demonstration provider today
 * (a page of the portal that answers "accepted" or "refused"), a card provider's redirect and
 * webhook tomorrow. Whatever pays, the answer goes through `settleOnlinePayment` (online-payment.ts).
 */

/**
 * The provider configured (`PAYMENT_PROVIDER`, config/env.ts), or null: then no online payment
 * starts and families are sent to the town hall's counter. The demonstration page takes no money,
 * so it is never on in production unless explicitly set.
 */
export const onlinePaymentProvider = (): "demo" | null => env().paymentProvider;

/** Refuses to open an online payment when no provider takes them, saying where to pay instead. */
export function assertOnlinePayments(message: string = messages.onlinePayment.unavailable) {
  if (!onlinePaymentProvider()) throw new AppError("BAD_REQUEST", message);
}

export const newProviderRef = () => `demo_${randomUUID()}`;

/** Where the parent pays, and where they land once the provider has answered. */
export const providerPageUrl = (tenant: Pick<Tenant, "slug">, ref: string) => `/${tenant.slug}/paiement/demo?ref=${encodeURIComponent(ref)}`;
export const paymentResultUrl = (tenant: Pick<Tenant, "slug">, ref: string) => `/${tenant.slug}/paiement/resultat?ref=${encodeURIComponent(ref)}`;

export interface PaymentStart {
  ref: string;
  amountCents: number;
  /** Where the parent goes next: the provider's page, or the result when nothing was left to pay. */
  url: string;
  settled: boolean;
}
