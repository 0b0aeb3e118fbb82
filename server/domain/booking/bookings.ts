import { and, asc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { rowsOf } from "@/db/client";
import { bookings, children, guardians, occurrences, users } from "@/db/schema";
import { loadCalendarForBooking } from "@/server/domain/calendar/school-calendar";
import type { Tenant } from "@/server/domain/tenants/tenants";
import { queueEmail } from "@/server/email/outbox";
import { env } from "@/config/env";
import { bookingPrice, dayPrice, dayPrices, priceKey, type BookingPrice, type DayPrice } from "@/server/domain/billing/pricing-service";
import { freeRank } from "@/server/domain/billing/pricing";
import { creditCancelledBooking } from "@/server/domain/billing/credit";
import { debtBlockMessage, debtPaymentHref } from "@/server/domain/billing/payments";
import { effectiveBillingMode } from "@/server/domain/billing/billing-mode";
import { AppError, notFound } from "@/server/errors";
import { messages } from "@/common/messages";
import { formatMoney } from "@/common/money";
import { formatDayLong, formatInstant, type CivilDate } from "@/common/dates";
import { dayState, staffMayOverride, type DayFacts } from "./availability";
import { getActivity, loadDayFacts, rulesOf, type ActivityRow } from "./facts";
import { reasonText } from "./reason-text";
import type { Actor, Scope } from "@/server/domain/scope";

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
  /** Refused because the family owes too much: where it can pay online. */
  payHref?: string;
};

/**
 * Applies a parent's (or an agent's) ticks and unticks. Each day is checked again here, under a
 * row lock on that day's occurrence, so capacity holds however many requests race; days are locked
 * in a fixed order so two requests never deadlock. The calendar is read under the commune's calendar
 * lock (shared), so a change to the calendar never misses a booking made while it runs.
 */
export async function applyBookingChanges(scope: Scope, input: { changes: BookingChange[]; overrideReason?: string }): Promise<Outcome[]> {
  const { tx, tenant, actor, now } = scope;
  const { changes, ...options } = input;
  if (actor.role === "staff" && options.overrideReason !== undefined && !options.overrideReason.trim()) {
    throw new AppError("BAD_REQUEST", "Motif : obligatoire pour passer outre le délai.", "overrideReason");
  }
  const householdOf = await assertChildrenAllowed(tx, tenant.id, actor, [...new Set(changes.map((c) => c.childId))]);
  // A prepaid activity's booking by a parent waits in the basket until paid; staff bookings are paid at the counter.
  const holdFor = (activity: ActivityRow) =>
    effectiveBillingMode(tenant, activity) === "prepaid" && actor.role === "parent"
      ? { status: "held" as const, heldUntil: new Date(now.getTime() + tenant.basketHoldMinutes * 60_000) }
      : null;
  // The debt threshold applies to the household of each child booked, never to the parent's other families.
  const debtOf = new Map<string, string | null>();
  if (actor.role === "parent") {
    for (const c of changes) {
      const householdId = householdOf.get(c.childId)!;
      if (c.action !== "cancel" && !debtOf.has(householdId)) debtOf.set(householdId, await debtBlockMessage(tx, tenant, householdId));
    }
  }
  const sorted = [...changes].sort((a, b) => `${a.activityId}${a.date}${a.childId}`.localeCompare(`${b.activityId}${b.date}${b.childId}`));
  const dates = sorted.map((c) => c.date).sort();
  if (!dates.length) return [];
  // Under the calendar lock (shared): a calendar change waits for this booking, or this booking for it.
  const calendar = await loadCalendarForBooking(tx, tenant.id, dates[0]!, dates.at(-1)!);
  const activities = new Map<string, ActivityRow>();
  const outcomes: Outcome[] = [];

  // Everything that does not decide capacity is read before any lock is taken: the rules, the
  // child's enrolment and openings, and the price of each day (tariff, QF, residency) but its sibling rank.
  const prefetched = new Map<string, Map<CivilDate, DayFacts>>();
  for (const change of sorted) {
    if (!activities.has(change.activityId)) activities.set(change.activityId, await getActivity(tx, tenant.id, change.activityId));
    const key = `${change.activityId}|${change.childId}`;
    if (!prefetched.has(key)) {
      const own = sorted.filter((c) => c.activityId === change.activityId && c.childId === change.childId).map((c) => c.date).sort();
      prefetched.set(key, await loadDayFacts(tx, tenant.id, change.activityId, change.childId, own[0]!, own.at(-1)!, now));
    }
  }
  const willBook = sorted.filter((change) => {
    if (change.action === "cancel") return false;
    const preview = dayState(rulesOf(activities.get(change.activityId)!), prefetched.get(`${change.activityId}|${change.childId}`)!.get(change.date)!, calendar, tenant.timeZone, now);
    return !preview.reason || options.overrideReason;
  });
  const prices = await dayPrices(tx, tenant.id, willBook);
  const dayPriceOf = async (c: BookingChange) => {
    if (!prices.has(priceKey(c))) prices.set(priceKey(c), await dayPrice(tx, tenant.id, c.childId, c.activityId, c.date));
    return prices.get(priceKey(c))!;
  };

  // Then every day is locked at once, in a fixed order, and what decides capacity is read after.
  const childIds = [...new Set(sorted.map((c) => c.childId))];
  const days = await lockDays(tx, tenant.id, sorted, childIds, now);
  const siblings = new SiblingRanks(tx, tenant.id, sorted, now);
  const pending: (typeof bookings.$inferInsert)[] = [];
  // New bookings are written together, before anything that counts the day again (a cancellation's promotion).
  const flush = async () => {
    if (pending.length) await tx.insert(bookings).values(pending.splice(0));
  };
  const recounted = async (key: string) => {
    const [activityId, date] = key.split("|") as [string, CivilDate];
    await flush();
    const fresh = (await readDays(tx, tenant.id, [{ activityId, date }], childIds, [], now)).get(key)!;
    days.set(key, fresh);
    return fresh;
  };

  for (const change of sorted) {
    const activity = activities.get(change.activityId)!;
    const dayKey = `${change.activityId}|${change.date}`;
    const day = days.get(dayKey)!.stale ? await recounted(dayKey) : days.get(dayKey)!;
    const ownStatus = day.own.get(change.childId);
    const facts: DayFacts = {
      ...prefetched.get(`${change.activityId}|${change.childId}`)!.get(change.date)!,
      capacityOverride: day.capacityOverride,
      closedOverride: day.closedOverride,
      taken: day.taken,
      own: ownStatus ? { status: ownStatus, waitlistRank: null } : null,
    };
    const state = dayState(rulesOf(activity), facts, calendar, tenant.timeZone, now);
    const override = actor.role === "staff" && options.overrideReason ? options.overrideReason.trim() : null;
    const done = (result: Outcome["result"], message: string, price: BookingPrice | null = null) =>
      outcomes.push({ ...change, result, message, unitPriceCents: price?.unitPriceCents ?? null, amountCents: price?.amountCents ?? null, pricingLabel: price?.pricingLabel ?? null });

    if (change.action === "cancel") {
      if (!facts.own) {
        done("unchanged", "Aucune réservation à annuler.");
        continue;
      }
      if (!state.canCancel && !override) {
        done("refused", state.cancelDeadline ? "Délai d'annulation dépassé : signalez plutôt une absence." : "Annulation en ligne impossible pour cette activité.");
        continue;
      }
      await flush();
      const wasConfirmed = facts.own.status !== "waitlisted";
      await tx
        .update(bookings)
        .set({ status: "cancelled", cancelledAt: now, cancelledBy: actor.userId, cancelReason: state.canCancel ? null : override })
        .where(liveBooking(tenant.id, change));
      // A paid day of a prepaid commune cancelled in time goes back to the family account, once.
      const credited = effectiveBillingMode(tenant, activity) === "prepaid" && facts.own.status === "confirmed" ? await creditCancelledBooking(tx, tenant, change, actor.userId, now) : 0;
      done("cancelled", credited ? messages.basket.cancelCredited(formatMoney(credited)) : "Réservation annulée.");
      if (wasConfirmed) await promoteFromWaitlist(tx, tenant, change.activityId, change.date, activity.name, now);
      // The day's places (and who holds them) are read again if this request books it further.
      day.stale = true;
      siblings.forget(change);
      continue;
    }

    if (facts.own) {
      done("unchanged", facts.own.status === "waitlisted" ? "Déjà sur liste d'attente." : "Déjà réservé.");
      continue;
    }
    const debt = debtOf.get(householdOf.get(change.childId)!);
    if (debt) {
      outcomes.push({ ...change, result: "refused", message: debt, unitPriceCents: null, amountCents: null, pricingLabel: null, payHref: debtPaymentHref(tenant) });
      continue;
    }
    const staffMayPass = override !== null && staffMayOverride(state.reason);
    if (state.reason && !staffMayPass) {
      done("refused", reasonText(state, { opensAt: facts.opensAt, deadline: state.bookingDeadline, timeZone: tenant.timeZone }));
      continue;
    }
    const overrideNote = staffMayPass ? override : null;
    if (state.full && change.action !== "waitlist") {
      done("full", "Complet : vous pouvez rejoindre la liste d'attente.");
      continue;
    }
    // The price is fixed now (a promotion from the waiting list keeps it); the sibling rank under the day's lock.
    const unpriced = await dayPriceOf(change);
    const price = unpriced ? bookingPrice(unpriced, await siblings.rankFor(change, unpriced)) : null;
    const status = state.full ? ({ status: "waitlisted" } as const) : (holdFor(activity) ?? ({ status: "confirmed" } as const));
    pending.push({ ...bookingKey(tenant.id, change), ...status, ...snapshot(price), createdAt: now, createdBy: actor.userId, overrideReason: overrideNote });
    day.own.set(change.childId, status.status);
    if (status.status !== "waitlisted") day.taken++;
    if (price?.siblingRank != null) siblings.take(change, unpriced!, price.siblingRank);
    if (status.status === "waitlisted") done("waitlisted", "Inscrit sur la liste d'attente.", price);
    else {
      done("confirmed", status.status === "held" ? messages.basket.added : "Réservé.", price);
      if (status.status === "held") outcomes.at(-1)!.held = true;
    }
  }
  await flush();
  return outcomes;
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
async function lockDays(tx: Tx, tenantId: string, sorted: BookingChange[], childIds: string[], now: Date) {
  const seen = new Set<string>();
  const days = sorted.filter((c) => !seen.has(`${c.activityId}|${c.date}`) && seen.add(`${c.activityId}|${c.date}`)).map(({ activityId, date }) => ({ activityId, date }));
  await tx
    .insert(occurrences)
    .values(days.map((d) => ({ tenantId, ...d })))
    .onConflictDoUpdate({ target: [occurrences.tenantId, occurrences.activityId, occurrences.date], set: { date: sql`excluded.date` } });
  return readDays(tx, tenantId, days, childIds, sorted, now);
}

/**
 * Overrides, places taken and the request's children's own bookings on locked days, in one statement. The
 * children's expired basket holds on the days they ask for give way first, so those days can be
 * booked again (the counts leave expired holds out either way).
 */
async function readDays(
  tx: Tx,
  tenantId: string,
  days: { activityId: string; date: CivilDate }[],
  childIds: string[],
  releasing: BookingChange[],
  now: Date,
): Promise<Map<string, LockedDay>> {
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
          and (b.status = 'confirmed' or (b.status = 'held' and b.held_until > ${at}))) as taken,
        (select coalesce(json_agg(json_build_object('child', b.child_id, 'status', b.status)), '[]'::json) from ${bookings} b
          where b.tenant_id = ${tenantId} and b.activity_id = d.activity_id and b.date = d.date
            and b.child_id in (${sql.join(childIds.map((id) => sql`${id}::uuid`), sql`, `)})
            and (b.status in ('confirmed', 'waitlisted') or (b.status = 'held' and b.held_until > ${at}))) as own
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
 * Sibling ranks of the households booked, on the locked days: read once, when a priced day first
 * needs one, then kept up to date with what this request books and cancels.
 */
class SiblingRanks {
  private ranks: Map<string, Map<string, number | null>> | null = null;
  constructor(
    private readonly tx: Tx,
    private readonly tenantId: string,
    private readonly changes: BookingChange[],
    private readonly now: Date,
  ) {}

  async rankFor(change: BookingChange, day: DayPrice): Promise<number | null> {
    if (!day.pricing.siblingReduction) return null;
    const others = [...(await this.of(change.activityId, change.date, day.household.id)).entries()].filter(([child]) => child !== change.childId);
    return freeRank(others.map(([, rank]) => rank));
  }

  take(change: BookingChange, day: DayPrice, rank: number) {
    const key = `${change.activityId}|${change.date}|${day.household.id}`;
    if (!this.ranks!.has(key)) this.ranks!.set(key, new Map());
    this.ranks!.get(key)!.set(change.childId, rank);
  }

  forget(change: BookingChange) {
    for (const [key, children] of this.ranks ?? []) if (key.startsWith(`${change.activityId}|${change.date}|`)) children.delete(change.childId);
  }

  private async of(activityId: string, date: CivilDate, householdId: string) {
    if (!this.ranks) {
      const at = this.now.toISOString();
      const rows = rowsOf<{ activity_id: string; date: string; household_id: string; child_id: string; sibling_rank: number | null }>(
        await this.tx.execute(sql`select b.activity_id::text as activity_id, b.date::text as date, c.household_id::text as household_id,
            b.child_id::text as child_id, b.sibling_rank
          from ${bookings} b join ${children} c on c.tenant_id = b.tenant_id and c.id = b.child_id
          where b.tenant_id = ${this.tenantId}
            and (b.activity_id, b.date) in (${sql.join(this.changes.map((c) => sql`(${c.activityId}::uuid, ${c.date}::date)`), sql`, `)})
            and c.household_id in (select household_id from ${children} where tenant_id = ${this.tenantId}
              and id in (${sql.join(this.changes.map((c) => sql`${c.childId}::uuid`), sql`, `)}))
            and (b.status in ('confirmed', 'waitlisted') or (b.status = 'held' and b.held_until > ${at}))`),
      );
      this.ranks = new Map();
      for (const r of rows) {
        const key = `${r.activity_id}|${r.date}|${r.household_id}`;
        if (!this.ranks.has(key)) this.ranks.set(key, new Map());
        this.ranks.get(key)!.set(r.child_id, r.sibling_rank);
      }
    }
    return this.ranks.get(`${activityId}|${date}|${householdId}`) ?? new Map<string, number | null>();
  }
}

/** NOT_FOUND unless every child is the actor's to book; returns each child's household. */
async function assertChildrenAllowed(tx: Tx, tenantId: string, actor: Actor, childIds: string[]): Promise<Map<string, string>> {
  if (!childIds.length) return new Map();
  const rows = await tx
    .select({ id: children.id, householdId: children.householdId })
    .from(children)
    .where(and(eq(children.tenantId, tenantId), inArray(children.id, childIds)));
  const allowed = rows.filter((r) => actor.role === "staff" || actor.householdIds.includes(r.householdId));
  if (allowed.length !== childIds.length) throw notFound();
  return new Map(allowed.map((r) => [r.id, r.householdId]));
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
 */
export async function promoteFromWaitlist(tx: Tx, tenant: Tenant, activityId: string, date: CivilDate, activityName: string, now: Date) {
  const [row] = rowsOf<{ capacity: number | null; taken: number; billing_mode: "prepaid" | "invoice" | null }>(
    await tx.execute(sql`select
      coalesce(o.capacity, a.capacity) as capacity, a.billing_mode,
      (select count(*)::int from ${bookings} b where b.tenant_id = o.tenant_id and b.activity_id = o.activity_id and b.date = o.date
        and (b.status = 'confirmed' or (b.status = 'held' and b.held_until > ${now.toISOString()}))) as taken
    from ${occurrences} o join activities a on a.tenant_id = o.tenant_id and a.id = o.activity_id
    where o.tenant_id = ${tenant.id} and o.activity_id = ${activityId} and o.date = ${date}`),
  );
  if (!row || (row.capacity !== null && row.taken >= row.capacity)) return null;
  const [next] = await tx
    .select({ id: bookings.id, childId: bookings.childId })
    .from(bookings)
    .where(and(eq(bookings.tenantId, tenant.id), eq(bookings.activityId, activityId), eq(bookings.date, date), eq(bookings.status, "waitlisted")))
    .orderBy(asc(bookings.createdAt), asc(bookings.id))
    .limit(1);
  if (!next) return null;
  const heldUntil = effectiveBillingMode(tenant, { billingMode: row.billing_mode }) === "prepaid" ? new Date(now.getTime() + PROMOTION_HOLD_HOURS * 3_600_000) : null;
  await tx
    .update(bookings)
    .set(heldUntil ? { status: "held", heldUntil, promotedAt: now } : { status: "confirmed", promotedAt: now })
    .where(and(eq(bookings.tenantId, tenant.id), eq(bookings.id, next.id)));
  const [child] = await tx
    .select({ firstName: children.firstName, householdId: children.householdId })
    .from(children)
    .where(and(eq(children.tenantId, tenant.id), eq(children.id, next.childId)));
  const recipients = await tx
    .selectDistinct({ email: users.email })
    .from(guardians)
    .innerJoin(users, eq(users.id, guardians.userId))
    .where(and(eq(guardians.tenantId, tenant.id), eq(guardians.householdId, child!.householdId), isNotNull(guardians.userId)));
  for (const r of recipients) {
    await queueEmail(tx, r.email, "waitlist-promoted", {
      childName: child!.firstName,
      activityName,
      dayLabel: formatDayLong(date),
      communeName: tenant.name,
      payBefore: heldUntil ? formatInstant(heldUntil, tenant.timeZone) : null,
      url: `${env().appUrl}/${tenant.slug}/${heldUntil ? "panier" : "planning"}`,
    });
  }
  return next.id;
}
