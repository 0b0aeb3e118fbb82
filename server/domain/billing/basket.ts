import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { rowsOf } from "@/db/client";
import { activities, billedBookings, bookings, children, households, occurrences, paymentBookings, paymentInvoices, payments } from "@/db/schema";
import { calendarClosure, type ActivityRules } from "@/server/domain/booking/availability";
import { promoteFromWaitlist, rerankAfterCancellations } from "@/server/domain/booking/bookings";
import { getActivity, rulesOf } from "@/server/domain/booking/facts";
import { takesPlace, unexpiredHold } from "@/server/domain/booking/places";
import { reasonText } from "@/server/domain/booking/reason-text";
import { loadCalendar } from "@/server/domain/calendar/school-calendar";
import { systemActor, type Scope } from "@/server/domain/scope";
import type { Tenant } from "@/server/domain/tenants/tenants";
import { AppError, notFound } from "@/server/errors";
import { messages } from "@/common/messages";
import { now as clockNow } from "@/common/clock";
import { civilDateIn, formatDate, formatDayLong, type CivilDate } from "@/common/dates";
import { chargeLines } from "./charge-lines";
import { creditBooking } from "./credit";
import { householdBalance } from "./ledger";
import { issueInvoices } from "./issue";
import { heldOnInvoices, leftToAsk, openPayments, paymentExpiry, supersede } from "./open-payments";
import { allocatePayment, lockHousehold, unpaidInvoices } from "./payments";
import { assertOnlinePayments, newPaymentRef, paymentMethodFor, paymentProviderNameFor, type OpenedPayment } from "./payment-provider";
import { lineAmount } from "./pricing";
import { tariffAt } from "./tariffs";

export interface BasketLine {
  bookingId: string;
  date: CivilDate;
  childId: string;
  childName: string;
  activityId: string;
  activityName: string;
  /** How the day was priced ("QF 400 à moins de 700, résident"); null for a booking priced before labels existed. */
  pricing: string | null;
  /** Before the sibling reduction. */
  unitPriceCents: number;
  /** What the day costs (reduction taken off). */
  amountCents: number;
  heldUntil: Date;
}

export interface Basket {
  householdId: string;
  lines: BasketLine[];
  subtotalCents: number;
  /** Credit on the family account (negative balance), all of it. */
  creditAvailableCents: number;
  /** The part of that credit used for this basket. */
  creditCents: number;
  /** Balance still owed from earlier documents ("restant dû"), added to the basket. */
  dueCents: number;
  /** Owed too, but already in an online payment of invoices still open: left out of `dueCents`. */
  pendingCents: number;
  /** subtotal − credit + due, never below zero. */
  totalCents: number;
  /** When the first line's hold ends and its place is released. */
  expiresAt: Date | null;
  /** Milliseconds until then on the server's clock (a browser's own clock may differ, or a demo's be pinned). */
  expiresInMs: number | null;
}

/** The household's unexpired held bookings with the amount to pay now. */
export async function getBasket(scope: Pick<Scope, "tx" | "tenant" | "now">, input: { householdId: string }): Promise<Basket> {
  return (await basketAndDebts(scope.tx, scope.tenant, input.householdId, scope.now)).basket;
}

/**
 * The basket, and the debts its total adds invoice by invoice (oldest first): what is due on each,
 * less what an open online payment of invoices already asks for it, so that one is never paid twice.
 */
async function basketAndDebts(tx: Tx, tenant: Tenant, householdId: string, now: Date): Promise<{ basket: Basket; debts: { invoiceId: string; cents: number }[] }> {
  const rows = await tx
    .select({
      bookingId: bookings.id,
      date: bookings.date,
      childId: bookings.childId,
      childName: children.firstName,
      activityId: bookings.activityId,
      activityName: activities.name,
      price: bookings.unitPriceCents,
      reductionPercent: bookings.reductionPercent,
      pricingLabel: bookings.pricingLabel,
      heldUntil: bookings.heldUntil,
    })
    .from(bookings)
    .innerJoin(children, and(eq(children.tenantId, bookings.tenantId), eq(children.id, bookings.childId)))
    .innerJoin(activities, and(eq(activities.tenantId, bookings.tenantId), eq(activities.id, bookings.activityId)))
    .where(
      and(
        eq(bookings.tenantId, tenant.id),
        eq(children.householdId, householdId),
        unexpiredHold(now, "bookings"),
      ),
    )
    .orderBy(asc(bookings.date), asc(children.firstName), asc(activities.name));
  const lines: BasketLine[] = rows.map((r) => ({
    bookingId: r.bookingId,
    date: r.date,
    childId: r.childId,
    childName: r.childName,
    activityId: r.activityId,
    activityName: r.activityName,
    pricing: r.pricingLabel,
    unitPriceCents: r.price ?? 0,
    amountCents: lineAmount(r.price ?? 0, 1, r.reductionPercent),
    heldUntil: r.heldUntil!,
  }));
  const subtotalCents = lines.reduce((s, l) => s + l.amountCents, 0);
  const balance = await householdBalance({ tx, tenant }, { householdId });
  const creditAvailableCents = Math.max(0, -balance);
  const creditCents = Math.min(creditAvailableCents, subtotalCents);
  // A balance owed is the sum of what remains on the invoices due (standing.ts), so it splits over them.
  const debts =
    balance > 0
      ? leftToAsk(
          await unpaidInvoices({ tx, tenant }, { householdId }),
          heldOnInvoices((await openPayments(tx, tenant.id, householdId, now)).filter((p) => p.purpose === "invoices")),
        ).map((d) => ({ invoiceId: d.invoice.id, cents: d.cents }))
      : [];
  const dueCents = debts.reduce((s, d) => s + d.cents, 0);
  const pendingCents = Math.max(0, balance) - dueCents;
  const basket = {
    householdId,
    lines,
    subtotalCents,
    creditAvailableCents,
    creditCents,
    dueCents,
    pendingCents,
    totalCents: Math.max(0, subtotalCents + balance - pendingCents),
    expiresAt: lines.length ? new Date(Math.min(...lines.map((l) => l.heldUntil.getTime()))) : null,
    expiresInMs: lines.length ? Math.max(0, Math.min(...lines.map((l) => l.heldUntil.getTime())) - now.getTime()) : null,
  };
  return { basket, debts: debts.filter((d) => d.cents > 0) };
}

/** Locks a day's occurrence row: the same lock, taken in the same order, as the booking service. */
async function lockOccurrence(tx: Tx, tenantId: string, activityId: string, date: CivilDate) {
  const [row] = await tx
    .select({ capacity: occurrences.capacity, closed: occurrences.closed, activityCapacity: activities.capacity, activityName: activities.name })
    .from(occurrences)
    .innerJoin(activities, and(eq(activities.tenantId, occurrences.tenantId), eq(activities.id, occurrences.activityId)))
    .where(and(eq(occurrences.tenantId, tenantId), eq(occurrences.activityId, activityId), eq(occurrences.date, date)))
    .for("update", { of: occurrences });
  return row ?? null;
}

const dayKey = (b: { activityId: string; date: CivilDate }) => `${b.activityId}|${b.date}`;

/** Cancels held bookings day by day (sorted, under each day's lock) and offers the freed places. */
async function cancelHeld(tx: Tx, tenant: Tenant, held: { id: string; activityId: string; date: CivilDate }[], userId: string | null, now: Date, onlyExpired: boolean) {
  const days = new Map<string, { activityId: string; date: CivilDate; ids: string[] }>();
  for (const b of held) {
    const day = days.get(dayKey(b)) ?? { activityId: b.activityId, date: b.date, ids: [] };
    day.ids.push(b.id);
    days.set(dayKey(b), day);
  }
  let cancelled = 0;
  for (const key of [...days.keys()].sort()) {
    const day = days.get(key)!;
    const occurrence = await lockOccurrence(tx, tenant.id, day.activityId, day.date);
    const rows = await tx
      .update(bookings)
      .set({ status: "cancelled", cancelledAt: now, cancelledBy: userId })
      .where(
        and(
          eq(bookings.tenantId, tenant.id),
          inArray(bookings.id, day.ids),
          eq(bookings.status, "held"),
          onlyExpired ? sql`${bookings.heldUntil} <= ${now.toISOString()}` : undefined,
        ),
      )
      .returning({ id: bookings.id, childId: bookings.childId });
    cancelled += rows.length;
    // A brother or sister still booked that day may now be the eldest: ranked again, under the same lock.
    await rerankAfterCancellations(tx, tenant, rows.map((r) => ({ childId: r.childId, activityId: day.activityId, date: day.date })), now);
    // A freed place goes to the waiting list, as when a confirmed booking is cancelled.
    if (rows.length && occurrence) {
      for (let i = 0; i < rows.length; i++) {
        if (!(await promoteFromWaitlist(tx, tenant, day.activityId, day.date, occurrence.activityName, now))) break;
      }
    }
  }
  return cancelled;
}

async function heldOfHousehold(tx: Tx, tenantId: string, householdId: string, bookingId?: string) {
  return tx
    .select({ id: bookings.id, activityId: bookings.activityId, date: bookings.date })
    .from(bookings)
    .innerJoin(children, and(eq(children.tenantId, bookings.tenantId), eq(children.id, bookings.childId)))
    .where(
      and(
        eq(bookings.tenantId, tenantId),
        eq(children.householdId, householdId),
        eq(bookings.status, "held"),
        bookingId ? eq(bookings.id, bookingId) : undefined,
      ),
    );
}

/** "Tout supprimer": every held booking of the household is cancelled and its place freed. */
export async function emptyBasket(tx: Tx, tenant: Tenant, householdId: string, userId: string, now = clockNow()) {
  return { removed: await cancelHeld(tx, tenant, await heldOfHousehold(tx, tenant.id, householdId), userId, now, false) };
}

/** Removes one line of the basket (NOT_FOUND when it is not a held booking of this household). */
export async function removeFromBasket(tx: Tx, tenant: Tenant, householdId: string, userId: string, bookingId: string, now = clockNow()) {
  const held = await heldOfHousehold(tx, tenant.id, householdId, bookingId);
  if (!held.length) throw new AppError("NOT_FOUND", messages.basket.notInBasket, "bookingId");
  return { removed: await cancelHeld(tx, tenant, held, userId, now, false) };
}

/**
 * Cancels the commune's held bookings whose hold has ended (a succeeded payment would already have
 * confirmed them) and promotes the waiting lists. Safe to run anywhere, any number of times.
 */
export async function releaseExpiredHolds(tx: Tx, tenant: Tenant, now = clockNow()): Promise<number> {
  const expired = await tx
    .select({ id: bookings.id, activityId: bookings.activityId, date: bookings.date })
    .from(bookings)
    .where(and(eq(bookings.tenantId, tenant.id), eq(bookings.status, "held"), sql`${bookings.heldUntil} <= ${now.toISOString()}`));
  if (!expired.length) return 0;
  return cancelHeld(tx, tenant, expired, null, now, true);
}

/**
 * The first step of a basket payment (payment-start.ts): writes the payment for the whole basket
 * (amount decided here, never by the browser) in the caller's transaction, which commits before
 * any provider is called. When the family's credit covers everything, it is settled at once. Under
 * the household lock, against its open payments (open-payments.ts): the same days for the same
 * amount give back the payment already open (a second tab), a changed basket replaces it, and
 * debts an open invoice payment already asks for are left out of the total.
 */
export async function openBasketPayment(scope: Scope, input: { householdId: string }): Promise<OpenedPayment> {
  const { tx, tenant, now } = scope;
  const { householdId } = input;
  await lockHousehold(tx, tenant.id, householdId);
  const { basket, debts } = await basketAndDebts(tx, tenant, householdId, now);
  if (!basket.lines.length) throw new AppError("BAD_REQUEST", messages.basket.empty);
  // Credit covering everything needs no provider; anything to pay needs one.
  if (basket.totalCents > 0) assertOnlinePayments(tenant, messages.onlinePayment.basketUnavailable);
  const description = messages.onlinePayment.basketDescription(basket.lines.length);
  const baskets = (await openPayments(tx, tenant.id, householdId, now)).filter((p) => p.purpose === "basket");
  const days = basket.lines.map((l) => l.bookingId);
  const same = baskets.find((p) => p.amountCents === basket.totalCents && p.bookingIds.length === days.length && days.every((id) => p.bookingIds.includes(id)));
  if (same && basket.totalCents > 0) return { ref: same.providerRef, amountCents: same.amountCents, settled: false, redirectUrl: same.redirectUrl, expiresAt: same.expiresAt, description };
  await supersede(
    tx,
    tenant.id,
    baskets.map((p) => p.id),
    now,
  );

  const ref = newPaymentRef();
  const expiresAt = paymentExpiry(now);
  const [payment] = await tx
    .insert(payments)
    .values({
      tenantId: tenant.id,
      householdId,
      method: paymentMethodFor(tenant),
      provider: basket.totalCents > 0 ? paymentProviderNameFor(tenant) : null,
      amountCents: basket.totalCents,
      status: "pending",
      purpose: "basket",
      providerRef: ref,
      createdAt: now,
      expiresAt,
    })
    .returning({ id: payments.id });
  await tx.insert(paymentBookings).values(days.map((bookingId) => ({ tenantId: tenant.id, paymentId: payment!.id, bookingId })));
  if (debts.length) await tx.insert(paymentInvoices).values(debts.map((d) => ({ tenantId: tenant.id, paymentId: payment!.id, invoiceId: d.invoiceId, amountCents: d.cents })));
  if (basket.totalCents === 0) {
    await settleBasketPayment({ tx, tenant, actor: systemActor, now }, { providerRef: ref, outcome: "succeeded" });
    return { ref, amountCents: 0, settled: true, redirectUrl: null, expiresAt, description };
  }
  return { ref, amountCents: basket.totalCents, settled: false, redirectUrl: null, expiresAt, description };
}

export interface SettleResult {
  ref: string;
  status: "pending" | "succeeded" | "failed" | "cancelled";
  /** False when the notification changed nothing (already applied). */
  applied: boolean;
  invoiceNumber: string | null;
  confirmed: number;
  credited: { bookingId: string; date: CivilDate; childName: string; activityName: string; amountCents: number }[];
}

/**
 * The days of a payment that the activity's days or the school calendar (holidays, public holidays,
 * closures) now keep shut, with why: `calendarClosure`, the rule `dayState` applies to a booking.
 */
async function calendarShutDays(tx: Tx, tenant: Tenant, items: { id: string; activityId: string; date: CivilDate }[]): Promise<Map<string, string>> {
  const shut = new Map<string, string>();
  if (!items.length) return shut;
  const dates = items.map((i) => i.date).sort();
  const calendar = await loadCalendar(tx, tenant, dates[0]!, dates.at(-1)!);
  const rules = new Map<string, ActivityRules>();
  for (const item of items) {
    if (!rules.has(item.activityId)) rules.set(item.activityId, rulesOf(await getActivity(tx, tenant.id, item.activityId)));
    const closure = calendarClosure(rules.get(item.activityId)!, item.date, calendar);
    if (closure) shut.set(item.id, reasonText(closure));
  }
  return shut;
}

/**
 * Applies a provider's answer for a basket payment: the demo page today, a webhook tomorrow. The
 * payment row is locked first, so two notifications queue; one already succeeded is returned as
 * is. A success issues the basket invoice (gapless number), allocates the payment, and confirms
 * the bookings, except a day that filled up after its hold expired, or that the calendar or the
 * activity has closed meanwhile: that one is cancelled and its price credited to the family
 * account. A failure leaves the bookings held until they expire. A success after a failure is
 * still applied: money received is never ignored.
 */
export async function settleBasketPayment(scope: Scope, input: { providerRef: string; outcome: "succeeded" | "failed" }): Promise<SettleResult> {
  const { tx, tenant } = scope;
  const payment = await lockBasketPayment(scope, input.providerRef);
  const unchanged: SettleResult = { ref: input.providerRef, status: payment.status, applied: false, invoiceNumber: null, confirmed: 0, credited: [] };
  if (payment.status === "succeeded" || payment.status === "cancelled") return unchanged;
  if (input.outcome === "failed") {
    if (payment.status === "failed") return unchanged;
    await markPayment(scope, payment.id, "failed");
    return { ...unchanged, status: "failed", applied: true };
  }
  // Before any day's lock, as every payment path takes it: a counter or invoice payment settling at
  // the same time waits, so what this one reads as still due below is what it may allocate.
  await lockHousehold(tx, tenant.id, payment.householdId);
  const { billed, refused } = await confirmPaidDays(scope, await paidDays(scope, payment.id));
  const invoice = await issueBasketInvoice(scope, payment.householdId, billed);
  const credited = await creditRefusedDays(scope, refused);
  await allocateBasketPayment(scope, payment, invoice?.id ?? null);
  await markPayment(scope, payment.id, "succeeded");
  return { ref: input.providerRef, status: "succeeded", applied: true, invoiceNumber: invoice?.number ?? null, confirmed: billed.length - refused.length, credited };
}

/** The payment row, locked: two notifications for one payment queue here. NOT_FOUND unless it pays a basket. */
async function lockBasketPayment({ tx, tenant }: Scope, providerRef: string) {
  const [payment] = await tx
    .select()
    .from(payments)
    .where(and(eq(payments.tenantId, tenant.id), eq(payments.providerRef, providerRef)))
    .for("update");
  if (!payment || payment.purpose !== "basket") throw notFound();
  return payment;
}

async function markPayment({ tx, tenant, now }: Scope, paymentId: string, status: "failed" | "succeeded") {
  await tx.update(payments).set({ status, settledAt: now }).where(and(eq(payments.tenantId, tenant.id), eq(payments.id, paymentId)));
}

/** A day a basket payment pays for. */
interface PaidDay {
  id: string;
  childId: string;
  childName: string;
  activityId: string;
  activityName: string;
  date: CivilDate;
  price: number | null;
  reductionPercent: number;
}

/** The days the payment pays for, in the booking service's lock order. */
async function paidDays({ tx, tenant }: Scope, paymentId: string): Promise<PaidDay[]> {
  return tx
    .select({
      id: bookings.id,
      childId: bookings.childId,
      childName: children.firstName,
      activityId: bookings.activityId,
      activityName: activities.name,
      date: bookings.date,
      price: bookings.unitPriceCents,
      reductionPercent: bookings.reductionPercent,
    })
    .from(paymentBookings)
    .innerJoin(bookings, and(eq(bookings.tenantId, paymentBookings.tenantId), eq(bookings.id, paymentBookings.bookingId)))
    .innerJoin(children, and(eq(children.tenantId, bookings.tenantId), eq(children.id, bookings.childId)))
    .innerJoin(activities, and(eq(activities.tenantId, bookings.tenantId), eq(activities.id, bookings.activityId)))
    .where(and(eq(paymentBookings.tenantId, tenant.id), eq(paymentBookings.paymentId, paymentId)))
    .orderBy(asc(bookings.activityId), asc(bookings.date), asc(bookings.childId));
}

/**
 * Confirms each paid day under its lock. `billed`: the days the basket invoice charges (a day that
 * could no longer be confirmed included); `refused`: those of them to credit back, with why.
 */
async function confirmPaidDays(scope: Scope, days: PaidDay[]) {
  const billed: PaidDay[] = [];
  const refused: { day: PaidDay; reason: string }[] = [];
  const shutByCalendar = await calendarShutDays(scope.tx, scope.tenant, days);
  for (const day of days) {
    const verdict = await confirmPaidDay(scope, day, shutByCalendar.get(day.id) ?? null);
    if (verdict === "skip") continue;
    billed.push(day);
    if (verdict !== "confirmed") refused.push({ day, reason: verdict.refused });
  }
  return { billed, refused };
}

/**
 * One paid day, under its lock: a live hold is confirmed; an expired one (still held, or released by
 * the expiry job) is confirmed if a place is left and the day is open, else cancelled and refused.
 * "skip": not the payment's to bill (already billed, removed by the family, confirmed by another payment).
 */
async function confirmPaidDay(scope: Scope, day: PaidDay, calendarShut: string | null): Promise<"confirmed" | "skip" | { refused: string }> {
  const { tx, tenant, now } = scope;
  const occurrence = await lockOccurrence(tx, tenant.id, day.activityId, day.date);
  // The booking rule book's own test: a day the school calendar or the activity closes is never confirmed.
  const shut = calendarShut ?? (occurrence?.closed ? messages.booking.reasons.closed : null);
  // Read after the day's lock: what other requests committed meanwhile is seen.
  const [row] = rowsOf<{ status: string; live: boolean; cancelled_by: string | null; billed: boolean; taken: number }>(
    await tx.execute(sql`select b.status, b.cancelled_by,
        exists (select 1 from ${billedBookings} bb where bb.tenant_id = b.tenant_id and bb.booking_id = b.id) as billed,
        ${unexpiredHold(now, "b")} as live,
        (select count(*)::int from ${bookings} o where o.tenant_id = b.tenant_id and o.activity_id = b.activity_id and o.date = b.date and o.id <> b.id
          and ${takesPlace(now, "o")}) as taken
      from ${bookings} b where b.tenant_id = ${tenant.id} and b.id = ${day.id}`),
  );
  if (!row || row.billed) return "skip";
  if (row.live && !shut) {
    await tx.update(bookings).set({ status: "confirmed" }).where(and(eq(bookings.tenantId, tenant.id), eq(bookings.id, day.id)));
    return "confirmed";
  }
  const expired = row.status === "held" || (row.status === "cancelled" && row.cancelled_by === null);
  if (!expired) return "skip"; // the money stays as credit
  const capacity = occurrence ? (occurrence.capacity ?? occurrence.activityCapacity) : null;
  const fits = !(await bookedAgain(scope, day)) && !shut && (capacity === null || row.taken < capacity);
  if (fits) {
    await tx
      .update(bookings)
      .set({ status: "confirmed", cancelledAt: null, cancelledBy: null })
      .where(and(eq(bookings.tenantId, tenant.id), eq(bookings.id, day.id)));
    return "confirmed";
  }
  if (row.status === "held") await tx.update(bookings).set({ status: "cancelled", cancelledAt: now }).where(and(eq(bookings.tenantId, tenant.id), eq(bookings.id, day.id)));
  const label = formatDayLong(day.date);
  return { refused: shut ? messages.basket.lateClosedReason(label, day.activityName, shut) : messages.basket.lateFullReason(label, day.activityName) };
}

/** Whether the child has another booking of that day since its hold expired (booked again, or waiting). */
async function bookedAgain({ tx, tenant }: Scope, day: PaidDay): Promise<boolean> {
  const [other] = await tx
    .select({ id: bookings.id })
    .from(bookings)
    .where(
      and(
        eq(bookings.tenantId, tenant.id),
        eq(bookings.childId, day.childId),
        eq(bookings.activityId, day.activityId),
        eq(bookings.date, day.date),
        sql`${bookings.status} <> 'cancelled'`,
        sql`${bookings.id} <> ${day.id}`,
      ),
    );
  return Boolean(other);
}

/** The basket's invoice for the days paid, each split into supervision and food as on a monthly invoice; null when none. */
async function issueBasketInvoice({ tx, tenant, now }: Scope, householdId: string, days: PaidDay[]): Promise<{ id: string; number: string } | null> {
  if (!days.length) return null;
  const lines = [];
  for (const day of days) {
    const tariff = await tariffAt(tx, tenant.id, day.activityId, day.date);
    const charge = chargeLines({
      kind: "service",
      activityName: day.activityName,
      label: (activity) => messages.basket.lineLabel(activity, day.childName),
      unitCents: day.price ?? 0,
      quantity: 1,
      percentOff: day.reductionPercent,
      mealCents: tariff?.pricing.mealCents ?? 0,
    });
    lines.push(...charge.map((l) => ({ ...l, childId: day.childId, activityId: day.activityId, dates: [day.date], quantity: 1 })));
  }
  const today = civilDateIn(now, tenant.timeZone);
  const header = { kind: "basket" as const, runId: null, periodLabel: messages.basket.periodLabel(formatDate(today)), issuedAt: now, dueDate: today, skipBilledTwice: true };
  const [invoice] = await issueInvoices(tx, tenant, header, [{ householdId, lines, bookings: days.map((d) => ({ bookingId: d.id, kind: "charge" as const })), attendance: [] }]);
  return invoice!;
}

/** Credits the days paid that could not be confirmed, with why. */
async function creditRefusedDays({ tx, tenant, now }: Scope, refused: { day: PaidDay; reason: string }[]): Promise<SettleResult["credited"]> {
  const credited: SettleResult["credited"] = [];
  for (const { day, reason } of refused) {
    const amountCents = await creditBooking(tx, tenant, day.id, reason, null, now);
    credited.push({ bookingId: day.id, date: day.date, childName: day.childName, activityName: day.activityName, amountCents });
  }
  return credited;
}

/**
 * Read before the payment counts. The payment pays the days just invoiced, then the debts it added
 * to its total (never more than is still due on them now); the rest is credit on the account.
 */
async function allocateBasketPayment({ tx, tenant }: Scope, payment: { id: string; householdId: string; amountCents: number }, basketInvoiceId: string | null) {
  const open = await unpaidInvoices({ tx, tenant }, { householdId: payment.householdId });
  const debts = await tx
    .select({ invoiceId: paymentInvoices.invoiceId, amountCents: paymentInvoices.amountCents })
    .from(paymentInvoices)
    .where(and(eq(paymentInvoices.tenantId, tenant.id), eq(paymentInvoices.paymentId, payment.id)));
  const plan: { invoiceId: string; amountCents: number }[] = [];
  let left = payment.amountCents;
  for (const want of [...(basketInvoiceId ? [{ invoiceId: basketInvoiceId, amountCents: left }] : []), ...debts]) {
    const cents = Math.min(want.amountCents, left, open.find((o) => o.id === want.invoiceId)?.remainingCents ?? 0);
    if (cents <= 0) continue;
    plan.push({ invoiceId: want.invoiceId, amountCents: cents });
    left -= cents;
  }
  if (plan.length) await allocatePayment(tx, tenant.id, payment.id, payment.amountCents, open, plan);
}

/** A basket payment as its family sees it (NOT_FOUND for anyone else's). */
export async function basketPaymentStatus(tx: Tx, tenant: Tenant, householdIds: string[], providerRef: string) {
  const [payment] = await tx
    .select({ id: payments.id, status: payments.status, amountCents: payments.amountCents, householdId: payments.householdId, purpose: payments.purpose, expiresAt: payments.expiresAt })
    .from(payments)
    .where(and(eq(payments.tenantId, tenant.id), eq(payments.providerRef, providerRef)));
  if (!payment || payment.purpose !== "basket" || !householdIds.includes(payment.householdId)) throw notFound();
  const lines = rowsOf<{ date: string; child_name: string; activity_name: string; status: string; credited: number | null }>(
    await tx.execute(sql`select b.date::text as date, c.first_name as child_name, a.name as activity_name, b.status,
        (select cn.amount_cents from credit_notes cn where cn.tenant_id = b.tenant_id and cn.booking_id = b.id and cn.issued_at >= p.created_at) as credited
      from ${paymentBookings} pb
      join ${payments} p on p.tenant_id = pb.tenant_id and p.id = pb.payment_id
      join ${bookings} b on b.tenant_id = pb.tenant_id and b.id = pb.booking_id
      join ${children} c on c.tenant_id = b.tenant_id and c.id = b.child_id
      join ${activities} a on a.tenant_id = b.tenant_id and a.id = b.activity_id
      where pb.tenant_id = ${tenant.id} and pb.payment_id = ${payment.id}
      order by b.date, c.first_name`),
  );
  return {
    ref: providerRef,
    status: payment.status,
    amountCents: payment.amountCents,
    expiresAt: payment.expiresAt,
    lines: lines.map((l) => ({ date: l.date, childName: l.child_name, activityName: l.activity_name, status: l.status, creditedCents: l.credited === null ? null : Number(l.credited) })),
  };
}

/** The household a parent acts for: the one asked (if theirs) or their first. */
export async function parentHousehold(tx: Tx, tenantId: string, householdIds: string[], asked?: string): Promise<string> {
  const id = asked ?? householdIds[0];
  if (!id || !householdIds.includes(id)) throw notFound();
  const [row] = await tx.select({ id: households.id }).from(households).where(and(eq(households.tenantId, tenantId), eq(households.id, id)));
  if (!row) throw notFound();
  return row.id;
}
