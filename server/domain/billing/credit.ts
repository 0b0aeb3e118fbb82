import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { billedBookings, bookings, children, creditNotes } from "@/db/schema";
import type { Tenant } from "@/server/domain/tenants/tenants";
import { messages } from "@/common/messages";
import { civilDateIn, formatDate } from "@/common/dates";
import { nextDocumentNumber } from "./numbering";
import { lineAmount } from "./pricing";

/**
 * Credits a family's account with the price of one booking, once: the credit note carries the
 * booking id (unique per commune), and the check comes before a number is taken, so a replay never
 * leaves a gap in the numbering nor a second credit. Call it while holding a lock that serialises
 * work on that booking (its day's occurrence or the booking row). Returns the amount credited.
 */
export async function creditBooking(tx: Tx, tenant: Tenant, bookingId: string, reason: string, userId: string | null, now: Date): Promise<number> {
  const [existing] = await tx
    .select({ id: creditNotes.id })
    .from(creditNotes)
    .where(and(eq(creditNotes.tenantId, tenant.id), eq(creditNotes.bookingId, bookingId)));
  if (existing) return 0;
  const [booking] = await tx
    .select({ unit: bookings.unitPriceCents, reductionPercent: bookings.reductionPercent, householdId: children.householdId })
    .from(bookings)
    .innerJoin(children, and(eq(children.tenantId, bookings.tenantId), eq(children.id, bookings.childId)))
    .where(and(eq(bookings.tenantId, tenant.id), eq(bookings.id, bookingId)));
  // What the day was billed: one unit, its sibling reduction taken off (its food part included).
  const amount = booking?.unit ? lineAmount(booking.unit, 1, booking.reductionPercent) : 0;
  if (!booking || amount <= 0) return 0;
  const number = await nextDocumentNumber(tx, tenant.id, "credit_note", Number(civilDateIn(now, tenant.timeZone).slice(0, 4)));
  await tx.insert(creditNotes).values({
    tenantId: tenant.id,
    householdId: booking.householdId,
    number,
    amountCents: amount,
    reason,
    bookingId,
    issuedAt: now,
    createdBy: userId,
  });
  return amount;
}

/** Whether a booking was paid for (billed on a basket or monthly invoice). */
export async function wasBilled(tx: Tx, tenantId: string, bookingId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: billedBookings.bookingId })
    .from(billedBookings)
    .where(and(eq(billedBookings.tenantId, tenantId), eq(billedBookings.bookingId, bookingId), eq(billedBookings.kind, "charge")));
  return Boolean(row);
}

/**
 * After a cancellation in a prepaid commune: credits the day if it had been paid (billed). The
 * booking is the one the cancellation just wrote, by id: an earlier cancelled booking of the same
 * child and day (unpaid, cancelled at the same instant under the demo's still clock) is not it.
 */
export async function creditCancelledBooking(tx: Tx, tenant: Tenant, booking: { id: string; date: string }, userId: string | null, now: Date): Promise<number> {
  if (!(await wasBilled(tx, tenant.id, booking.id))) return 0;
  return creditBooking(tx, tenant, booking.id, messages.basket.cancelReason(formatDate(booking.date)), userId, now);
}
