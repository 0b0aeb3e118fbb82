import { randomUUID } from "node:crypto";
import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { rowsOf } from "@/db/client";
import { payments } from "@/db/schema";
import { insideTenantTransaction, withTenant } from "@/db/transaction";
import { paymentProviderNamed, storedSettings } from "@/server/adapters/payments/registry";
import type { Scope, ScopeOutsideTx } from "@/server/domain/scope";
import { AppError } from "@/server/errors";
import { messages } from "@/common/messages";
import { formatMoney } from "@/common/money";
import { householdBalance } from "./ledger";
import { lockHousehold } from "./payments";

/**
 * Money given back to a family: a `payments` row of purpose "refund" with a negative amount, so the
 * balance, the statement and the invoices' standing read it like any payment. Staff refund what the
 * family's account holds in credit (a cancelled paid day is credited first, then refunded), either
 * through the provider of an online payment (Stripe refunds on the commune's account), or as a
 * refund the treasury made (transfer, cheque, cash), recorded here.
 *
 * Through a provider, as for a payment's start: the refund row is written `pending` and committed,
 * the provider is called outside any transaction with the row's reference as idempotency key, then
 * the row is marked succeeded (or failed). The provider's refund event, if it comes first or the
 * second transaction never ran, marks the same row (applyRefundEvent).
 */

const m = messages.paymentsOnline.refund;
export const treasuryRefundMethods = ["transfer", "cheque", "cash"] as const;

/** What the household's account holds in credit, less refunds still being made. */
async function refundableCredit(scope: Scope, householdId: string): Promise<number> {
  const balance = await householdBalance(scope, { householdId });
  const [pending] = rowsOf<{ cents: number | null }>(
    await scope.tx.execute(
      sql`select coalesce(sum(-amount_cents), 0)::int as cents from payments where tenant_id = ${scope.tenant.id} and household_id = ${householdId} and purpose = 'refund' and status = 'pending'`,
    ),
  );
  return Math.max(0, -balance - Number(pending?.cents ?? 0));
}

function assertAmount(amountCents: number, creditCents: number) {
  if (!Number.isInteger(amountCents) || amountCents <= 0 || amountCents > 100_000_000) throw new AppError("BAD_REQUEST", m.amountInvalid, "amount");
  if (amountCents > creditCents) throw new AppError("BAD_REQUEST", m.aboveCredit(formatMoney(creditCents)), "amount");
}

/** The online payments of a household that can still be refunded through their provider, for the staff's form. */
export async function refundablePayments(scope: Scope, input: { householdId: string }) {
  const rows = await scope.tx
    .select({ id: payments.id, method: payments.method, amountCents: payments.amountCents, settledAt: payments.settledAt, provider: payments.provider, providerSession: payments.providerSession })
    .from(payments)
    .where(
      and(
        eq(payments.tenantId, scope.tenant.id),
        eq(payments.householdId, input.householdId),
        eq(payments.status, "succeeded"),
        inArray(payments.purpose, ["basket", "invoices"]),
        isNotNull(payments.providerSession),
      ),
    );
  const out = [];
  for (const row of rows) {
    const provider = row.provider ? paymentProviderNamed(row.provider) : null;
    if (!provider?.refund) continue;
    const left = row.amountCents - (await refundedOf(scope, row.id));
    if (left > 0) out.push({ paymentId: row.id, methodLabel: messages.payments.methods[row.method] ?? row.method, amountCents: row.amountCents, settledAt: row.settledAt, refundableCents: left });
  }
  return { payments: out, creditCents: await refundableCredit(scope, input.householdId) };
}

/** What refunds (made or being made) already gave back of a payment. */
async function refundedOf(scope: Scope, paymentId: string): Promise<number> {
  const [row] = rowsOf<{ cents: number }>(
    await scope.tx.execute(
      sql`select coalesce(sum(-amount_cents), 0)::int as cents from payments where tenant_id = ${scope.tenant.id} and refund_of = ${paymentId} and status in ('pending', 'succeeded')`,
    ),
  );
  return Number(row?.cents ?? 0);
}

/** A refund the treasury made (transfer, cheque, cash): recorded as done. */
export async function recordTreasuryRefund(scope: Scope, input: { householdId: string; amountCents: number; method: (typeof treasuryRefundMethods)[number]; reference?: string }) {
  if (!treasuryRefundMethods.includes(input.method)) throw new AppError("BAD_REQUEST", m.methodInvalid, "method");
  const reference = (input.reference ?? "").trim();
  if (reference.length > 200) throw new AppError("BAD_REQUEST", messages.payments.referenceTooLong, "reference");
  await lockHousehold(scope.tx, scope.tenant.id, input.householdId);
  assertAmount(input.amountCents, await refundableCredit(scope, input.householdId));
  const [row] = await scope.tx
    .insert(payments)
    .values({
      tenantId: scope.tenant.id,
      householdId: input.householdId,
      method: input.method,
      amountCents: -input.amountCents,
      status: "succeeded",
      purpose: "refund",
      reference,
      createdAt: scope.now,
      settledAt: scope.now,
      recordedBy: scope.actor.userId,
    })
    .returning({ id: payments.id });
  return { refundId: row!.id, balanceCents: await householdBalance(scope, { householdId: input.householdId }) };
}

/** Staff refund part of an online payment through its provider, up to the account's credit. */
export async function refundThroughProvider(scope: ScopeOutsideTx, input: { householdId: string; paymentId: string; amountCents: number }) {
  if (insideTenantTransaction()) throw new Error("Un remboursement en ligne se fait hors de toute transaction : le prestataire est appelé entre deux transactions.");
  const inTx = <T>(fn: (s: Scope) => Promise<T>) => withTenant(scope.tenant.id, (tx) => fn({ ...scope, tx }));
  const opened = await inTx(async (s) => {
    await lockHousehold(s.tx, s.tenant.id, input.householdId);
    const [payment] = await s.tx
      .select()
      .from(payments)
      .where(and(eq(payments.tenantId, s.tenant.id), eq(payments.id, input.paymentId), eq(payments.householdId, input.householdId)));
    const provider = payment?.provider ? paymentProviderNamed(payment.provider) : null;
    if (!payment || payment.status !== "succeeded" || !["basket", "invoices"].includes(payment.purpose) || !payment.providerSession || !payment.providerRef) {
      throw new AppError("BAD_REQUEST", m.paymentNotRefundable, "paymentId");
    }
    if (!provider?.refund) throw new AppError("BAD_REQUEST", m.providerCannotRefund, "paymentId");
    assertAmount(input.amountCents, await refundableCredit(s, input.householdId));
    const left = payment.amountCents - (await refundedOf(s, payment.id));
    if (input.amountCents > left) throw new AppError("BAD_REQUEST", m.aboveRefundable(formatMoney(left)), "amount");
    const refundRef = `rfd_${randomUUID()}`;
    await s.tx.insert(payments).values({
      tenantId: s.tenant.id,
      householdId: input.householdId,
      method: payment.method,
      amountCents: -input.amountCents,
      status: "pending",
      purpose: "refund",
      providerRef: refundRef,
      provider: payment.provider,
      refundOf: payment.id,
      createdAt: s.now,
      recordedBy: s.actor.userId,
    });
    return { refundRef, provider, payment };
  });

  const { refundRef, provider, payment } = opened;
  let refundReference: string;
  try {
    const settings = provider.settingsSchema.parse(storedSettings(scope.tenant, provider.name));
    ({ refundReference } = await provider.refund!({ paymentRef: payment.providerRef!, providerReference: payment.providerSession!, amountCents: input.amountCents, idempotencyKey: refundRef }, settings));
  } catch (error) {
    console.error(`[recre] remboursement ${refundRef} refusé par ${provider.name}`, error);
    await inTx((s) =>
      s.tx
        .update(payments)
        .set({ status: "failed", settledAt: s.now })
        .where(and(eq(payments.tenantId, s.tenant.id), eq(payments.providerRef, refundRef), eq(payments.status, "pending"))),
    );
    throw new AppError("BAD_REQUEST", m.providerDown);
  }
  return inTx(async (s) => {
    await markRefundDone(s, { refundRef, refundReference });
    return { refundRef, refundReference, balanceCents: await householdBalance(s, { householdId: input.householdId }) };
  });
}

/** The refund row becomes succeeded, once (a later event or retry finds it done and changes nothing). */
async function markRefundDone(scope: Scope, input: { refundRef: string; refundReference: string }): Promise<boolean> {
  const done = await scope.tx
    .update(payments)
    .set({ status: "succeeded", settledAt: scope.now, providerSession: input.refundReference })
    .where(and(eq(payments.tenantId, scope.tenant.id), eq(payments.providerRef, input.refundRef), eq(payments.purpose, "refund"), eq(payments.status, "pending")))
    .returning({ id: payments.id });
  return done.length > 0;
}

/**
 * A provider's refund event for a refund we asked for: completes the row if the answer to our call
 * was lost; otherwise changes nothing. A refund we never asked for is not recorded from an event:
 * the treasury records it, so it is never counted twice.
 */
export async function applyRefundEvent(scope: Scope, input: { refundRef: string; refundReference: string; amountCents: number }): Promise<"applied" | "unchanged" | "refused"> {
  const [row] = await scope.tx
    .select({ amountCents: payments.amountCents, status: payments.status })
    .from(payments)
    .where(and(eq(payments.tenantId, scope.tenant.id), eq(payments.providerRef, input.refundRef), eq(payments.purpose, "refund")))
    .for("update");
  if (!row) return "refused";
  if (-row.amountCents !== input.amountCents) return "refused";
  return (await markRefundDone(scope, input)) ? "applied" : "unchanged";
}
