import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { rowsOf } from "@/db/client";
import { payments } from "@/db/schema";
import { env } from "@/config/env";
import { queueEmails } from "@/server/email/outbox";
import type { Scope, TenantRef } from "@/server/domain/scope";
import { messages } from "@/common/messages";
import { formatMoney } from "@/common/money";
import { formatDate, formatInstant } from "@/common/dates";
import { basketPaymentStatus } from "./basket";
import { invoicePaymentStatus } from "./invoice-payments";

/**
 * The receipt of an online payment that succeeded: what the result page shows and the e-mail sends,
 * from the same reading — amount, date, means, the provider's reference, and what it paid (the
 * invoices and their amounts, or the basket's days).
 */

export interface PaymentReceipt {
  ref: string;
  amountCents: number;
  methodLabel: string;
  /** The provider's own id of the transaction (Stripe session, PayFiP idop). */
  providerReference: string | null;
  settledAt: Date | null;
  /** "Facture 2026-000002 — Novembre 2026 : 15,60 €", "Cantine — Louise — 14 décembre 2026". */
  items: string[];
}

export async function receiptOf(tx: Tx, tenant: TenantRef, ref: string): Promise<PaymentReceipt | null> {
  const [payment] = await tx
    .select({ householdId: payments.householdId, purpose: payments.purpose, status: payments.status, method: payments.method, amountCents: payments.amountCents, providerSession: payments.providerSession, settledAt: payments.settledAt })
    .from(payments)
    .where(and(eq(payments.tenantId, tenant.id), eq(payments.providerRef, ref)));
  if (!payment || payment.status !== "succeeded") return null;
  let items: string[] = [];
  if (payment.purpose === "basket") {
    const status = await basketPaymentStatus(tx, tenant, [payment.householdId], ref);
    items = status.lines.map((l) => `${l.activityName} — ${l.childName} — ${formatDate(l.date)}${l.creditedCents !== null && l.status === "cancelled" ? ` (${messages.paymentsOnline.creditedInstead(formatMoney(l.creditedCents))})` : ""}`);
  } else if (payment.purpose === "invoices") {
    const status = await invoicePaymentStatus(tx, tenant, [payment.householdId], ref);
    items = status.invoices.map((i) => `${i.label} : ${formatMoney(i.amountCents)}`);
  }
  return {
    ref,
    amountCents: payment.amountCents,
    methodLabel: messages.payments.methods[payment.method] ?? payment.method,
    providerReference: payment.providerSession?.startsWith("demo_") ? null : payment.providerSession,
    settledAt: payment.settledAt,
    items,
  };
}

/** E-mails the receipt to the household's guardians (their account's address, else the one on file), in the settling transaction. */
export async function queueReceipt(scope: Scope, input: { ref: string }) {
  const { tx, tenant } = scope;
  const receipt = await receiptOf(tx, tenant, input.ref);
  if (!receipt) return;
  const recipients = rowsOf<{ email: string; first_name: string }>(
    await tx.execute(sql`select distinct on (lower(coalesce(u.email, g.email))) coalesce(u.email, g.email) as email, g.first_name
      from payments p
      join guardians g on g.tenant_id = p.tenant_id and g.household_id = p.household_id
      left join users u on u.id = g.user_id
      where p.tenant_id = ${tenant.id} and p.provider_ref = ${input.ref} and coalesce(u.email, g.email) is not null
      order by lower(coalesce(u.email, g.email)), g.first_name`),
  );
  const props = {
    communeName: tenant.name,
    amount: formatMoney(receipt.amountCents),
    dateLabel: formatInstant(receipt.settledAt ?? scope.now, tenant.timeZone),
    methodLabel: receipt.methodLabel,
    providerReference: receipt.providerReference,
    items: receipt.items,
    url: `${env().appUrl}/${tenant.slug}/releve`,
  };
  await queueEmails(
    tx,
    "payment-receipt",
    recipients.map((r) => ({ to: r.email, props: { ...props, firstName: r.first_name } })),
  );
}
