import { and, eq, isNull } from "drizzle-orm";
import { payments, users } from "@/db/schema";
import { insideTenantTransaction, withPlatform, withTenant } from "@/db/transaction";
import { env } from "@/config/env";
import { paymentProviderFor } from "@/server/adapters/payments/registry";
import { AmountOutsideLimits, type PaymentStartResult } from "@/server/adapters/payments/types";
import type { Scope, ScopeOutsideTx } from "@/server/domain/scope";
import { AppError } from "@/server/errors";
import { messages } from "@/common/messages";
import { formatMoney } from "@/common/money";
import { openBasketPayment, parentHousehold, releaseExpiredHolds } from "./basket";
import { openInvoicePayment } from "./invoice-payments";
import { paymentResultUrl, type OpenedPayment, type PaymentStart } from "./payment-provider";

/**
 * Starting an online payment, in three steps so that no database transaction is held open while a
 * provider answers (or does not):
 *  1. one transaction validates, writes and commits the payment row (pending, amount, what it pays,
 *     our reference, which is also the provider call's idempotency key);
 *  2. the provider is called outside any transaction;
 *  3. a second transaction records the provider's session and page on that row.
 * A provider that fails or is down: the payment is closed as failed at once (it holds nothing more;
 * the basket's holds keep their own expiry) and the parent is told to retry, in French.
 */

/** The family's basket (of the household asked, or its first). */
export async function startBasketPayment(scope: ScopeOutsideTx, input: { householdId?: string }): Promise<PaymentStart> {
  const opened = await inTransaction(scope, async (s) => {
    const householdId = await parentHousehold(s.tx, s.tenant.id, s.actor.householdIds, input.householdId);
    const payment = await openBasketPayment(s, { householdId });
    // The household lock comes before any day's lock (payments.ts), so expired holds are released after.
    await releaseExpiredHolds(s.tx, s.tenant, s.now);
    return payment;
  });
  return askProvider(scope, opened);
}

/** The invoices a parent ticked, in one payment. */
export async function startInvoicePayment(scope: ScopeOutsideTx, input: { invoiceIds: string[] }): Promise<PaymentStart> {
  const opened = await inTransaction(scope, (s) => openInvoicePayment(s, input));
  return askProvider(scope, opened);
}

function inTransaction<T>(scope: ScopeOutsideTx, fn: (scope: Scope) => Promise<T>): Promise<T> {
  if (insideTenantTransaction()) throw new Error("Un paiement se démarre hors de toute transaction : le prestataire est appelé entre deux transactions.");
  return withTenant(scope.tenant.id, (tx) => fn({ ...scope, tx }));
}

async function askProvider(scope: ScopeOutsideTx, opened: OpenedPayment): Promise<PaymentStart> {
  const { tenant } = scope;
  const resultUrl = paymentResultUrl(tenant, opened.ref);
  if (opened.settled) return { ref: opened.ref, amountCents: opened.amountCents, url: resultUrl, settled: true };
  if (opened.redirectUrl) return { ref: opened.ref, amountCents: opened.amountCents, url: opened.redirectUrl, settled: false };

  const configured = paymentProviderFor(tenant);
  if (!configured) throw new AppError("BAD_REQUEST", messages.onlinePayment.unavailable);
  if (insideTenantTransaction()) throw new Error("Le prestataire de paiement est appelé depuis une transaction ouverte.");
  let answer: PaymentStartResult;
  try {
    answer = await configured.provider.start(
      {
        paymentRef: opened.ref,
        amountCents: opened.amountCents,
        description: opened.description,
        commune: { id: tenant.id, slug: tenant.slug, name: tenant.name },
        expiresAt: opened.expiresAt ?? new Date(scope.now.getTime() + 30 * 60_000),
        returnUrl: `${env().appUrl}${resultUrl}`,
        notifyUrl: `${env().appUrl}/api/paiements/${configured.provider.name}`,
        customerEmail: await payerEmail(scope),
      },
      configured.settings,
    );
  } catch (error) {
    await closeUnstarted(scope, opened.ref);
    if (error instanceof AmountOutsideLimits) {
      throw new AppError("BAD_REQUEST", messages.paymentsOnline.amountOutsideLimits(formatMoney(error.minCents), formatMoney(error.maxCents)));
    }
    console.error(`[recre] prestataire de paiement ${configured.provider.name} : démarrage refusé`, error);
    throw new AppError("BAD_REQUEST", messages.onlinePayment.providerDown);
  }
  await inTransaction(scope, (s) =>
    s.tx
      .update(payments)
      .set({ provider: configured.provider.name, providerSession: answer.providerReference, redirectUrl: answer.redirectUrl })
      .where(and(eq(payments.tenantId, tenant.id), eq(payments.providerRef, opened.ref), isNull(payments.redirectUrl))),
  );
  return { ref: opened.ref, amountCents: opened.amountCents, url: answer.redirectUrl, settled: false };
}

/** The paying parent's address, for the provider's receipt (PayFiP requires one). */
async function payerEmail(scope: ScopeOutsideTx): Promise<string | null> {
  const userId = scope.actor.userId;
  if (!userId) return null;
  const [row] = await withPlatform((tx) => tx.select({ email: users.email }).from(users).where(eq(users.id, userId)));
  return row?.email ?? null;
}

/**
 * The provider never opened a page for it: failed, and closed now so that it holds nothing (a late
 * success the provider might still send is applied all the same: money received is never ignored).
 */
async function closeUnstarted(scope: ScopeOutsideTx, ref: string) {
  await inTransaction(scope, (s) =>
    s.tx
      .update(payments)
      .set({ status: "failed", settledAt: s.now, expiresAt: s.now })
      .where(and(eq(payments.tenantId, s.tenant.id), eq(payments.providerRef, ref), eq(payments.status, "pending"))),
  );
}
