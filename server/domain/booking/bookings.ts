import { and, asc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { rowsOf } from "@/db/client";
import { bookings, children, guardians, occurrences, users } from "@/db/schema";
import { loadCalendarForBooking } from "@/server/domain/calendar/school-calendar";
import { effectiveBillingMode } from "@/server/domain/activities/billing-mode";
import type { Scope } from "@/server/domain/scope";
import type { Tenant } from "@/server/domain/tenants/tenants";
import { queueEmail } from "@/server/email/outbox";
import { env } from "@/config/env";
import { AppError, notFound } from "@/server/errors";
import type { SchoolCalendar } from "@/common/calendar";
import { messages } from "@/common/messages";
import { formatMoney } from "@/common/money";
import { formatDayLong, formatInstant, type CivilDate } from "@/common/dates";
import { dayState, staffMayOverride, type DayFacts, type DayState } from "./availability";
import { factsKey, getActivities, loadDayFactsMany, rulesOf, type ActivityRow, type FactsRequest } from "./facts";
import { isLive, takesPlace } from "./places";
import { billing, priceKey, type BookingPrice, type DayPrice } from "./ports";
import { queueBookingSummaries } from "./booking-emails";
import { reasonText } from "./reason-text";
import { SiblingRanks, type Moved } from "./sibling-ranks";

export interface BookingChange {
  childId: string;
  activityId: string;
  date: CivilDate;
  action: "book" | "cancel" | "waitlist";
}

export type Outcome = BookingChange & {
  result: "confirmed" | "waitlisted" | "cancelled" | "unchanged" | "full" | "refused";
  message: string;
  /** Price snapshot (cents) of a booking made now, before any sibling reduction; null when none was made or the activity has no tariff. */
  unitPriceCents: number | null;
  /** What that day costs (sibling reduction taken off); null as above. */
  amountCents: number | null;
  /** How it was priced ("QF 400 à moins de 700, résident"); null as above. */
  pricingLabel: string | null;
  /** Confirmed into the basket: to be paid before the hold expires. */
  held?: true;
  /** When that hold expires. */
  heldUntil?: Date;
  /** Refused because the family owes too much: where it can pay online. */
  payHref?: string;
};

export interface BookingInput {
  changes: BookingChange[];
  /** Staff only: books or cancels past the deadline (or before the opening), recorded on the booking. */
  overrideReason?: string;
  /**
   * Staff only (an allocation round's publication): each listed child's "waitlist" changes join the
   * waiting list even on a day with room, stamped `at` (the list is served oldest first) and in one
   * `group`, promoted all together or not at all (`promoteFromWaitlist`).
   */
  queue?: Map<string, { at: Date; group: string }>;
  /** Staff only: on a prepaid activity the days booked wait in the family's basket until then, rather than confirmed. */
  basketUntil?: Date;
}

/**
 * Applies a parent's (or an agent's) ticks and unticks. Each day is checked again here, under a
 * row lock on that day's occurrence, so capacity holds however many requests race; days are locked
 * in a fixed order so two requests never deadlock. The calendar is read under the commune's calendar
 * lock (shared), so a change to the calendar never misses a booking made while it runs.
 */
export async function applyBookingChanges(scope: Scope, input: BookingInput): Promise<Outcome[]> {
  const override = staffOverride(scope.actor, input.overrideReason);
  if (!input.changes.length) return [];
  const family = await assertChildrenAllowed(scope, input.changes);
  const debts = await debtsOf(scope, input.changes, family);
  const sorted = inLockOrder(input.changes, family);
  const prepared = await readBeforeLocks(scope, sorted, Boolean(input.overrideReason));
  const staff = scope.actor.role === "staff";
  const placing = { queue: staff ? input.queue : undefined, basketUntil: staff ? input.basketUntil : undefined };
  const run: Run = { ...prepared, scope, sorted, family, debts, override, ...placing, ...(await lockDays(scope, sorted)), pending: [] };
  const outcomes: Outcome[] = [];
  for (const change of sorted) outcomes.push(change.action === "cancel" ? await cancelOne(run, change) : await bookOne(run, change));
  await flush(run);
  await queueBookingSummaries(scope, outcomes);
  return outcomes;
}

/** The staff's reason to pass a deadline, trimmed; a blank one is refused rather than taken for none. */
function staffOverride(actor: Scope["actor"], reason: string | undefined): string | null {
  if (actor.role !== "staff" || reason === undefined) return null;
  if (!reason.trim()) throw new AppError("BAD_REQUEST", "Motif : obligatoire pour passer outre le délai.", "overrideReason");
  return reason.trim();
}

/** A child of the request: its household (whose debt and siblings count) and birth date (its sibling rank). */
interface ChildOf {
  householdId: string;
  birthDate: CivilDate;
}

/** NOT_FOUND unless every child is the actor's to book; returns each child's household and birth date. */
async function assertChildrenAllowed({ tx, tenant, actor }: Scope, changes: BookingChange[]): Promise<Map<string, ChildOf>> {
  const childIds = [...new Set(changes.map((c) => c.childId))];
  const rows = await tx
    .select({ id: children.id, householdId: children.householdId, birthDate: children.birthDate })
    .from(children)
    .where(and(eq(children.tenantId, tenant.id), inArray(children.id, childIds)));
  const allowed = rows.filter((r) => actor.role !== "parent" || actor.householdIds.includes(r.householdId));
  if (allowed.length !== childIds.length) throw notFound();
  return new Map(allowed.map((r) => [r.id, { householdId: r.householdId, birthDate: r.birthDate }]));
}

/** The debt threshold applies to the household of each child a parent books, never to the parent's other families. */
async function debtsOf({ tx, tenant, actor }: Scope, changes: BookingChange[], family: Map<string, ChildOf>) {
  const debts = new Map<string, { message: string; payHref: string } | null>();
  if (actor.role !== "parent") return debts;
  for (const c of changes) {
    const householdId = family.get(c.childId)!.householdId;
    if (c.action !== "cancel" && !debts.has(householdId)) debts.set(householdId, await billing().debtBlock(tx, tenant, householdId));
  }
  return debts;
}

/**
 * Days in a fixed order (two requests never deadlock); on one day the eldest child first, so a
 * child booked by this request never moves the rank of a sibling it booked just before.
 */
function inLockOrder(changes: BookingChange[], family: Map<string, ChildOf>): BookingChange[] {
  const key = (c: BookingChange) => `${c.activityId}${c.date}${family.get(c.childId)!.birthDate}${c.childId}`;
  return [...changes].sort((a, b) => key(a).localeCompare(key(b)));
}

/** What a request reads before it locks anything: nothing of it decides capacity. */
interface Prepared {
  calendar: SchoolCalendar;
  activities: Map<string, ActivityRow>;
  /** The child's enrolment and openings per day, by `activity|child`. */
  facts: Map<string, Map<CivilDate, DayFacts>>;
  /** The price of each day to book or cancel (tariff, QF, residency), all but its sibling rank. */
  prices: Map<string, DayPrice | null>;
}

async function readBeforeLocks(scope: Scope, sorted: BookingChange[], overriding: boolean): Promise<Prepared> {
  const { tx, tenant, now } = scope;
  const dates = sorted.map((c) => c.date).sort();
  // Under the calendar lock (shared): a calendar change waits for this booking, or this booking for it.
  const calendar = await loadCalendarForBooking(tx, tenant.id, dates[0]!, dates.at(-1)!);
  // Every activity and every child's days in two statements, however many the request touches.
  const activities = await getActivities(tx, tenant.id, sorted.map((c) => c.activityId));
  const ranges = new Map<string, FactsRequest>();
  for (const { activityId, childId, date } of sorted) {
    const range = ranges.get(factsKey(activityId, childId));
    if (!range) ranges.set(factsKey(activityId, childId), { activityId, childId, from: date, to: date });
    else if (date < range.from) range.from = date;
    else if (date > range.to) range.to = date;
  }
  const { facts } = await loadDayFactsMany(tx, tenant.id, [...ranges.values()], now);
  // Days that will not be booked are not priced (but a cancellation is: it may move a sibling's rank).
  const priced = sorted.filter((change) => {
    if (change.action === "cancel") return true;
    const preview = dayState(rulesOf(activities.get(change.activityId)!), facts.get(`${change.activityId}|${change.childId}`)!.get(change.date)!, calendar, tenant.timeZone, now);
    return !preview.reason || overriding;
  });
  return { calendar, activities, facts, prices: await billing().priceDays(tx, tenant.id, priced) };
}

/** A request under way: what it read, the days it locked, the bookings it has yet to write. */
interface Run extends Prepared {
  scope: Scope;
  sorted: BookingChange[];
  family: Map<string, ChildOf>;
  debts: Map<string, { message: string; payHref: string } | null>;
  override: string | null;
  queue: BookingInput["queue"];
  basketUntil: Date | undefined;
  days: Map<string, LockedDay>;
  childIds: string[];
  siblings: SiblingRanks;
  /** New bookings, written together before anything counts a day again (a cancellation's promotion). */
  pending: { row: typeof bookings.$inferInsert; outcome: Outcome }[];
}

/** The day as it stands under its lock, with the rules' verdict for this change. */
async function decide(run: Run, change: BookingChange): Promise<{ day: LockedDay; facts: DayFacts; state: DayState; activity: ActivityRow }> {
  const { tenant, now } = run.scope;
  const activity = run.activities.get(change.activityId)!;
  const dayKey = `${change.activityId}|${change.date}`;
  const day = run.days.get(dayKey)!.stale ? await recounted(run, change) : run.days.get(dayKey)!;
  const ownStatus = day.own.get(change.childId);
  const facts: DayFacts = {
    ...run.facts.get(`${change.activityId}|${change.childId}`)!.get(change.date)!,
    capacityOverride: day.capacityOverride,
    closedOverride: day.closedOverride,
    taken: day.taken,
    own: ownStatus ? { status: ownStatus, waitlistRank: null } : null,
  };
  return { day, facts, state: dayState(rulesOf(activity), facts, run.calendar, tenant.timeZone, now), activity };
}

/** A day changed by a cancellation (and its promotion) is read again, after writing what is pending. */
async function recounted(run: Run, change: BookingChange): Promise<LockedDay> {
  await flush(run);
  const key = `${change.activityId}|${change.date}`;
  const fresh = (await readDays(run.scope, [{ activityId: change.activityId, date: change.date }], run.childIds, [])).get(key)!;
  run.days.set(key, fresh);
  return fresh;
}

const outcome = (change: BookingChange, result: Outcome["result"], message: string, price: BookingPrice | null = null): Outcome => ({
  ...change,
  result,
  message,
  unitPriceCents: price?.unitPriceCents ?? null,
  amountCents: price?.amountCents ?? null,
  pricingLabel: price?.pricingLabel ?? null,
});

/** Cancels one day if the rules (or the staff's reason) allow: credits a paid prepaid day, promotes the waiting list, re-ranks the siblings. */
async function cancelOne(run: Run, change: BookingChange): Promise<Outcome> {
  const { tx, tenant, actor, now } = run.scope;
  const { day, facts, state, activity } = await decide(run, change);
  if (!facts.own) return outcome(change, "unchanged", "Aucune réservation à annuler.");
  if (!state.canCancel && !run.override) {
    return outcome(change, "refused", state.cancelDeadline ? "Délai d'annulation dépassé : signalez plutôt une absence." : "Annulation en ligne impossible pour cette activité.");
  }
  await flush(run);
  const wasConfirmed = facts.own.status !== "waitlisted";
  const [cancelled] = await tx
    .update(bookings)
    .set({ status: "cancelled", cancelledAt: now, cancelledBy: actor.userId, cancelReason: state.canCancel ? null : run.override })
    .where(liveBooking(tenant.id, change))
    .returning({ id: bookings.id });
  // A paid day of a prepaid commune cancelled in time goes back to the family account, once.
  const paidDay = cancelled && effectiveBillingMode(tenant, activity) === "prepaid" && facts.own.status === "confirmed";
  const credited = paidDay ? await billing().creditCancelled(tx, tenant, { id: cancelled.id, date: change.date }, actor.userId, now) : 0;
  // A promotion may take the days of a whole group (an allocation's choice): every day of the activity
  // this request holds is read again before it is used further.
  if (wasConfirmed && (await promoteFromWaitlist(tx, tenant, change.activityId, change.date, activity.name, now))) {
    for (const [key, other] of run.days) if (key.startsWith(`${change.activityId}|`)) other.stale = true;
  }
  // The day's places (and who holds them) are read again if this request books it further.
  day.stale = true;
  const price = await dayPriceOf(run, change);
  if (price?.pricing.siblingReduction) await moveSiblings(run, change, price, await run.siblings.leave(change, run.family.get(change.childId)!.householdId, change.childId));
  return outcome(change, "cancelled", credited ? messages.basket.cancelCredited(formatMoney(credited)) : "Réservation annulée.");
}

/** Books one day (confirmed, in the basket, or on the waiting list) if the rules, the places and the family's debt allow. */
async function bookOne(run: Run, change: BookingChange): Promise<Outcome> {
  const { tenant, actor, now } = run.scope;
  const { day, facts, state, activity } = await decide(run, change);
  if (facts.own) return outcome(change, "unchanged", facts.own.status === "waitlisted" ? "Déjà sur liste d'attente." : "Déjà réservé.");
  const debt = run.debts.get(run.family.get(change.childId)!.householdId);
  if (debt) return { ...outcome(change, "refused", debt.message), payHref: debt.payHref };
  const staffMayPass = run.override !== null && staffMayOverride(state.reason);
  if (state.reason && !staffMayPass) return outcome(change, "refused", reasonText(state, { opensAt: facts.opensAt, deadline: state.bookingDeadline, timeZone: tenant.timeZone }));
  if (state.full && change.action !== "waitlist") return outcome(change, "full", "Complet : vous pouvez rejoindre la liste d'attente.");

  // The price is fixed now (a promotion from the waiting list keeps it); the sibling rank under the day's lock.
  const price = await priceWithRank(run, change);
  const queued = change.action === "waitlist" ? run.queue?.get(change.childId) : undefined;
  const status = state.full || queued ? ({ status: "waitlisted" } as const) : (holdFor(run, activity) ?? ({ status: "confirmed" } as const));
  const done =
    status.status === "waitlisted"
      ? outcome(change, "waitlisted", "Inscrit sur la liste d'attente.", price)
      : { ...outcome(change, "confirmed", status.status === "held" ? messages.basket.added : "Réservé.", price), ...(status.status === "held" ? { held: true as const, heldUntil: status.heldUntil } : {}) };
  run.pending.push({
    row: {
      ...bookingKey(tenant.id, change),
      ...status,
      ...snapshot(price),
      createdAt: queued?.at ?? now,
      createdBy: actor.userId,
      overrideReason: staffMayPass ? run.override : null,
      waitlistGroup: queued?.group ?? null,
    },
    outcome: done,
  });
  day.own.set(change.childId, status.status);
  if (status.status !== "waitlisted") day.taken++;
  return done;
}

/**
 * A prepaid activity's booking by a parent waits in the basket until paid; staff bookings are paid at
 * the counter, unless staff put them in the family's basket (`basketUntil`: places given by an allocation).
 */
function holdFor({ scope: { tenant, actor, now }, basketUntil }: Run, activity: ActivityRow) {
  if (effectiveBillingMode(tenant, activity) !== "prepaid") return null;
  if (actor.role === "parent") return { status: "held" as const, heldUntil: new Date(now.getTime() + tenant.basketHoldMinutes * 60_000) };
  return basketUntil ? { status: "held" as const, heldUntil: basketUntil } : null;
}

/** The day's price at the child's sibling rank (by age); the siblings it moves down are re-priced. */
async function priceWithRank(run: Run, change: BookingChange): Promise<BookingPrice | null> {
  const day = await dayPriceOf(run, change);
  if (!day) return null;
  if (!day.pricing.siblingReduction) return billing().priceAtRank(day, null);
  const child = run.family.get(change.childId)!;
  const { rank, moved } = await run.siblings.join(change, child.householdId, { childId: change.childId, birthDate: child.birthDate });
  await moveSiblings(run, change, day, moved);
  return billing().priceAtRank(day, rank);
}

/** The day's price read before the locks; one the preview thought refused but the locked day allows is read now. */
async function dayPriceOf(run: Run, change: BookingChange): Promise<DayPrice | null> {
  if (!run.prices.has(priceKey(change))) {
    const { tx, tenant } = run.scope;
    run.prices.set(priceKey(change), (await billing().priceDays(tx, tenant.id, [change])).get(priceKey(change)) ?? null);
  }
  return run.prices.get(priceKey(change)) ?? null;
}

/** Rewrites the sibling part of the snapshots a rank change moved: written rows, or rows this request has yet to write. */
async function moveSiblings(run: Run, change: BookingChange, day: DayPrice, moved: Moved[]) {
  const { tx, tenant } = run.scope;
  for (const m of moved) {
    const pending = m.bookingId ? undefined : run.pending.find((p) => p.row.childId === m.childId && p.row.activityId === change.activityId && p.row.date === change.date);
    const ranked = billing().rerank(day.pricing, pending ? (pending.row.pricingLabel ?? null) : m.pricingLabel, m.rank);
    if (pending) {
      Object.assign(pending.row, ranked);
      const unit = pending.outcome.unitPriceCents;
      if (unit !== null) Object.assign(pending.outcome, { amountCents: billing().priceAtRank({ ...day, unitCents: unit }, m.rank).amountCents, pricingLabel: ranked.pricingLabel });
    } else {
      await tx.update(bookings).set(ranked).where(and(eq(bookings.tenantId, tenant.id), eq(bookings.id, m.bookingId!)));
    }
  }
}

/**
 * After days were cancelled outside a booking request (a basket line removed, an expired hold
 * released), the brothers and sisters still booked those days are ranked again by age. Call it
 * under the days' locks, as the cancellation itself.
 */
export async function rerankAfterCancellations(tx: Tx, tenant: Tenant, cancelled: { childId: string; activityId: string; date: CivilDate }[], now: Date) {
  if (!cancelled.length) return;
  const prices = await billing().priceDays(tx, tenant.id, cancelled);
  const ranked = cancelled.filter((c) => prices.get(priceKey(c))?.pricing.siblingReduction);
  if (!ranked.length) return;
  const householdOf = new Map(
    (await tx.select({ id: children.id, householdId: children.householdId }).from(children).where(and(eq(children.tenantId, tenant.id), inArray(children.id, ranked.map((c) => c.childId))))).map((c) => [c.id, c.householdId]),
  );
  const siblings = new SiblingRanks(tx, tenant.id, ranked, now);
  for (const c of ranked) {
    const pricing = prices.get(priceKey(c))!.pricing;
    for (const m of await siblings.leave(c, householdOf.get(c.childId)!, c.childId)) {
      await tx.update(bookings).set(billing().rerank(pricing, m.pricingLabel, m.rank)).where(and(eq(bookings.tenantId, tenant.id), eq(bookings.id, m.bookingId!)));
    }
  }
}

/** Writes the pending bookings in one statement; the siblings learn their ids. */
async function flush(run: Run) {
  if (!run.pending.length) return;
  const written = await run.scope.tx
    .insert(bookings)
    .values(run.pending.map((p) => p.row))
    .returning({ id: bookings.id, childId: bookings.childId, activityId: bookings.activityId, date: bookings.date, pricingLabel: bookings.pricingLabel });
  run.pending = [];
  for (const w of written) run.siblings.written(w, run.family.get(w.childId)!.householdId, w.childId, w.id, w.pricingLabel);
}

/** The price columns of a new booking. */
const snapshot = (price: BookingPrice | null) => ({
  unitPriceCents: price?.unitPriceCents ?? null,
  reductionPercent: price?.reductionPercent ?? 0,
  siblingRank: price?.siblingRank ?? null,
  pricingLabel: price?.pricingLabel ?? null,
});

const bookingKey = (tenantId: string, c: BookingChange) => ({ tenantId, childId: c.childId, activityId: c.activityId, date: c.date });

const liveBooking = (tenantId: string, c: BookingChange) =>
  and(
    eq(bookings.tenantId, tenantId),
    eq(bookings.childId, c.childId),
    eq(bookings.activityId, c.activityId),
    eq(bookings.date, c.date),
    inArray(bookings.status, ["held", "confirmed", "waitlisted"]),
  );

interface LockedDay {
  capacityOverride: number | null;
  closedOverride: boolean;
  /** Confirmed bookings plus held ones not yet expired. */
  taken: number;
  /** The live booking of each child of the request that day. */
  own: Map<string, "held" | "confirmed" | "waitlisted">;
  /** Set after a cancellation (and its promotion) changed the day: read it again before use. */
  stale?: boolean;
}

/**
 * The days' occurrence rows are the locks: one upsert creates the missing ones and locks them all,
 * in the order of the changes (sorted, so two requests never deadlock), until commit. What decides
 * capacity is read by the next statement, whose snapshot is taken once the locks are granted (in
 * the same statement the counts would predate a concurrent commit).
 */
async function lockDays(scope: Scope, sorted: BookingChange[]) {
  const { tx, tenant, now } = scope;
  const seen = new Set<string>();
  const days = sorted.filter((c) => !seen.has(`${c.activityId}|${c.date}`) && seen.add(`${c.activityId}|${c.date}`)).map(({ activityId, date }) => ({ activityId, date }));
  await tx
    .insert(occurrences)
    .values(days.map((d) => ({ tenantId: tenant.id, ...d })))
    .onConflictDoUpdate({ target: [occurrences.tenantId, occurrences.activityId, occurrences.date], set: { date: sql`excluded.date` } });
  const childIds = [...new Set(sorted.map((c) => c.childId))];
  return { days: await readDays(scope, days, childIds, sorted), childIds, siblings: new SiblingRanks(tx, tenant.id, sorted, now) };
}

/**
 * Overrides, places taken and the request's children's own bookings on locked days, in one statement. The
 * children's expired basket holds on the days they ask for give way first, so those days can be
 * booked again (the counts leave expired holds out either way).
 */
async function readDays({ tx, tenant, now }: Scope, days: { activityId: string; date: CivilDate }[], childIds: string[], releasing: BookingChange[]): Promise<Map<string, LockedDay>> {
  const tenantId = tenant.id;
  const at = now.toISOString();
  const release = releasing.length
    ? sql`with released as (update ${bookings} set status = 'cancelled', cancelled_at = ${at}
        where tenant_id = ${tenantId} and status = 'held' and held_until <= ${at}
          and (activity_id, date, child_id) in (${sql.join(releasing.map((c) => sql`(${c.activityId}::uuid, ${c.date}::date, ${c.childId}::uuid)`), sql`, `)})
        returning 1) `
    : sql``;
  const rows = rowsOf<{ activity_id: string; date: string; capacity: number | null; closed: boolean | null; taken: number; own: string | { child: string; status: LockedDay["own"] extends Map<string, infer S> ? S : never }[] }>(
    await tx.execute(sql`${release}select d.activity_id::text as activity_id, d.date::text as date, o.capacity, o.closed,
        (select count(*)::int from ${bookings} b where b.tenant_id = ${tenantId} and b.activity_id = d.activity_id and b.date = d.date
          and ${takesPlace(now, "b")}) as taken,
        (select coalesce(json_agg(json_build_object('child', b.child_id, 'status', b.status)), '[]'::json) from ${bookings} b
          where b.tenant_id = ${tenantId} and b.activity_id = d.activity_id and b.date = d.date
            and b.child_id in (${sql.join(childIds.map((id) => sql`${id}::uuid`), sql`, `)})
            and ${isLive(now, "b")}) as own
      from (values ${sql.join(days.map((d) => sql`(${d.activityId}::uuid, ${d.date}::date)`), sql`, `)}) as d(activity_id, date)
      left join ${occurrences} o on o.tenant_id = ${tenantId} and o.activity_id = d.activity_id and o.date = d.date`),
  );
  return new Map(
    rows.map((r) => {
      const own = typeof r.own === "string" ? (JSON.parse(r.own) as Exclude<typeof r.own, string>) : r.own;
      return [`${r.activity_id}|${r.date}`, { capacityOverride: r.capacity, closedOverride: r.closed ?? false, taken: r.taken, own: new Map(own.map((o) => [o.child, o.status])) }];
    }),
  );
}

/**
 * Gives the places a day now has to the children waiting, one after the other, under the day's
 * lock (taken here, as bookings take it), and returns how many were promoted.
 */
export async function promoteWhileRoom(tx: Tx, tenant: Tenant, activityId: string, date: CivilDate, activityName: string, now: Date): Promise<number> {
  await tx
    .insert(occurrences)
    .values({ tenantId: tenant.id, activityId, date })
    .onConflictDoUpdate({ target: [occurrences.tenantId, occurrences.activityId, occurrences.date], set: { date } });
  let promoted = 0;
  while (await promoteFromWaitlist(tx, tenant, activityId, date, activityName, now)) promoted++;
  return promoted;
}

/** A promoted prepaid booking waits this long in the basket: the family must first read the e-mail. */
export const PROMOTION_HOLD_HOURS = 24;

/**
 * A place freed on a full day goes to the first child waiting, whose family is told by e-mail. On a
 * prepaid activity the place goes to the family's basket (held a day) rather than confirmed unpaid.
 * Days waited for together (`waitlist_group`: a choice left waiting by an allocation round) are
 * promoted all at once, only when each of them has room; otherwise that child keeps waiting and the
 * next one in the list's order is tried. Returns the booking promoted on this day, or null.
 */
export async function promoteFromWaitlist(tx: Tx, tenant: Tenant, activityId: string, date: CivilDate, activityName: string, now: Date) {
  const [day] = await roomOn(tx, tenant.id, activityId, [date], now);
  if (!day || day.left < 1) return null;
  const waiting = await tx
    .select({ id: bookings.id, childId: bookings.childId, group: bookings.waitlistGroup })
    .from(bookings)
    .where(and(eq(bookings.tenantId, tenant.id), eq(bookings.activityId, activityId), eq(bookings.date, date), eq(bookings.status, "waitlisted")))
    .orderBy(asc(bookings.createdAt), asc(bookings.id));
  for (const next of waiting) {
    const together = next.group ? await waitingTogether(tx, tenant.id, next.group) : [{ id: next.id, childId: next.childId, activityId, date }];
    if (together.length > 1) {
      const needs = new Map<CivilDate, number>();
      for (const b of together) needs.set(b.date, (needs.get(b.date) ?? 0) + 1);
      const days = await roomOn(tx, tenant.id, activityId, [...needs.keys()], now);
      if (days.length !== needs.size || !days.every((d) => d.left >= needs.get(d.date)!)) continue;
    }
    const heldUntil = effectiveBillingMode(tenant, { billingMode: day.billingMode }) === "prepaid" ? new Date(now.getTime() + PROMOTION_HOLD_HOURS * 3_600_000) : null;
    await tx
      .update(bookings)
      .set(heldUntil ? { status: "held", heldUntil, promotedAt: now } : { status: "confirmed", promotedAt: now })
      .where(and(eq(bookings.tenantId, tenant.id), inArray(bookings.id, together.map((b) => b.id))));
    for (const childId of new Set(together.map((b) => b.childId))) {
      await tellPromoted(tx, tenant, childId, activityName, together.filter((b) => b.childId === childId).map((b) => b.date), heldUntil);
    }
    return next.id;
  }
  return null;
}

/**
 * The days still waiting in one group (one child's choice, or brothers and sisters kept together),
 * their occurrences locked in date order (the day promoting is locked already). Only days of one
 * activity are grouped.
 */
async function waitingTogether(tx: Tx, tenantId: string, group: string) {
  const rows = await tx
    .select({ id: bookings.id, childId: bookings.childId, activityId: bookings.activityId, date: bookings.date })
    .from(bookings)
    .where(and(eq(bookings.tenantId, tenantId), eq(bookings.waitlistGroup, group), eq(bookings.status, "waitlisted")))
    .orderBy(asc(bookings.date));
  if (rows.length > 1) {
    await tx
      .insert(occurrences)
      .values([...new Set(rows.map((r) => r.date))].map((date) => ({ tenantId, activityId: rows[0]!.activityId, date })))
      .onConflictDoUpdate({ target: [occurrences.tenantId, occurrences.activityId, occurrences.date], set: { date: sql`excluded.date` } });
  }
  return rows;
}

/** The places left on each day (confirmed and unexpired held bookings against its capacity; unlimited: Infinity), and the activity's billing mode. */
async function roomOn(tx: Tx, tenantId: string, activityId: string, dates: CivilDate[], now: Date) {
  const rows = rowsOf<{ date: string; capacity: number | null; taken: number; billing_mode: "prepaid" | "invoice" | null }>(
    await tx.execute(sql`select
      o.date::text as date, coalesce(o.capacity, a.capacity) as capacity, a.billing_mode,
      (select count(*)::int from ${bookings} b where b.tenant_id = o.tenant_id and b.activity_id = o.activity_id and b.date = o.date
        and ${takesPlace(now, "b")}) as taken
    from ${occurrences} o join activities a on a.tenant_id = o.tenant_id and a.id = o.activity_id
    where o.tenant_id = ${tenantId} and o.activity_id = ${activityId} and o.date in (${sql.join(dates.map((d) => sql`${d}::date`), sql`, `)})`),
  );
  return rows.map((r) => ({ date: r.date, left: r.capacity === null ? Infinity : r.capacity - r.taken, billingMode: r.billing_mode }));
}

/** The promoted family's guardians with an account are told: one e-mail for the day, or for the days promoted together. */
async function tellPromoted(tx: Tx, tenant: Tenant, childId: string, activityName: string, dates: CivilDate[], heldUntil: Date | null) {
  const [child] = await tx.select({ firstName: children.firstName, householdId: children.householdId }).from(children).where(and(eq(children.tenantId, tenant.id), eq(children.id, childId)));
  const recipients = await tx
    .selectDistinct({ email: users.email })
    .from(guardians)
    .innerJoin(users, eq(users.id, guardians.userId))
    .where(and(eq(guardians.tenantId, tenant.id), eq(guardians.householdId, child!.householdId), isNotNull(guardians.userId)));
  const labels = [...dates].sort().map((d) => formatDayLong(d));
  for (const r of recipients) {
    await queueEmail(tx, r.email, "waitlist-promoted", {
      childName: child!.firstName,
      activityName,
      dayLabel: labels.length > 1 ? `${labels.slice(0, -1).join(", ")} et ${labels.at(-1)}` : labels[0]!,
      severalDays: labels.length > 1,
      communeName: tenant.name,
      payBefore: heldUntil ? formatInstant(heldUntil, tenant.timeZone) : null,
      url: `${env().appUrl}/${tenant.slug}/${heldUntil ? "panier" : "planning"}`,
    });
  }
}
