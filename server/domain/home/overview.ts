import { and, asc, eq, gte, inArray } from "drizzle-orm";
import { absenceReports, activities, bookings, children } from "@/db/schema";
import { monthRange, shiftMonth, todayIn, type CivilDate } from "@/common/dates";
import { getBasket } from "@/server/domain/billing/basket";
import { modesInUse } from "@/server/domain/billing/billing-mode";
import { householdBalance } from "@/server/domain/billing/ledger";
import { childrenOf, familyEnrolments } from "@/server/domain/booking/enrolments";
import { getPlanning } from "@/server/domain/booking/planning";
import type { Scope } from "@/server/domain/scope";

/** How many coming days the home lists. */
const NEXT_DAYS = 5;

export interface FamilyOverview {
  /** The commune's, to show deadlines in. */
  timeZone: string;
  nextDays: { date: CivilDate; childFirstName: string; activityName: string; held: boolean }[];
  /** What the family owes (positive), or has as credit (negative), from its documents. */
  balanceCents: number;
  /** Prepaid communes: the basket waiting to be paid (days and amount to pay), null when empty. */
  basket: { days: number; totalCents: number } | null;
  /** Per activity, when booking for next month closes for its first day. */
  deadlines: { activityName: string; month: string; firstDay: CivilDate; deadline: Date }[];
  pendingEnrolments: { childFirstName: string; activityName: string }[];
  pendingAbsences: { childFirstName: string; activityName: string; date: CivilDate }[];
}

/**
 * A family's home in one commune (`/compte`): the next booked days, what is due, the booking
 * deadlines of next month, and what waits for the town hall. The caller's own households only.
 */
export async function familyOverview(scope: Scope): Promise<FamilyOverview> {
  const { tx, tenant, now } = scope;
  const householdIds = scope.actor.householdIds;
  const today = todayIn(tenant.timeZone, now);
  const kids = await childrenOf(scope);
  const kidIds = kids.map((k) => k.id);
  const empty: FamilyOverview = { timeZone: tenant.timeZone, nextDays: [], balanceCents: 0, basket: null, deadlines: [], pendingEnrolments: [], pendingAbsences: [] };
  if (!kidIds.length && !householdIds.length) return empty;

  const nextDays = kidIds.length
    ? await tx
        .select({ date: bookings.date, childFirstName: children.firstName, activityName: activities.name, status: bookings.status })
        .from(bookings)
        .innerJoin(children, and(eq(children.tenantId, bookings.tenantId), eq(children.id, bookings.childId)))
        .innerJoin(activities, and(eq(activities.tenantId, bookings.tenantId), eq(activities.id, bookings.activityId)))
        .where(and(eq(bookings.tenantId, tenant.id), inArray(bookings.childId, kidIds), inArray(bookings.status, ["confirmed", "held"]), gte(bookings.date, today)))
        .orderBy(asc(bookings.date), asc(children.firstName), asc(activities.name))
        .limit(NEXT_DAYS)
    : [];

  let balanceCents = 0;
  for (const id of householdIds) balanceCents += await householdBalance({ tx, tenant }, { householdId: id });
  const baskets = [];
  // One query at a time: they share the transaction.
  if ((await modesInUse(tx, tenant)).prepaid) for (const id of householdIds) baskets.push(await getBasket({ tx, tenant, now }, { householdId: id }));
  const heldDays = baskets.reduce((n, b) => n + b.lines.length, 0);
  const basket = heldDays ? { days: heldDays, totalCents: baskets.reduce((n, b) => n + b.totalCents, 0) } : null;

  const enrolled = await familyEnrolments(scope);
  const pendingAbsences = kidIds.length
    ? await tx
        .select({ childFirstName: children.firstName, activityName: activities.name, date: bookings.date })
        .from(absenceReports)
        .innerJoin(bookings, and(eq(bookings.tenantId, absenceReports.tenantId), eq(bookings.id, absenceReports.bookingId)))
        .innerJoin(children, and(eq(children.tenantId, bookings.tenantId), eq(children.id, bookings.childId)))
        .innerJoin(activities, and(eq(activities.tenantId, bookings.tenantId), eq(activities.id, bookings.activityId)))
        .where(and(eq(absenceReports.tenantId, tenant.id), inArray(bookings.childId, kidIds), eq(absenceReports.status, "pending")))
        .orderBy(asc(bookings.date))
    : [];

  return {
    timeZone: tenant.timeZone,
    nextDays: nextDays.map(({ status, ...d }) => ({ ...d, held: status === "held" })),
    balanceCents,
    basket,
    deadlines: await nextMonthDeadlines(scope, kidIds, today),
    pendingEnrolments: enrolled.filter((e) => e.status === "pending").map((e) => ({ childFirstName: e.childName, activityName: e.activityName })),
    pendingAbsences,
  };
}

/**
 * « Réservations de janvier : jusqu'au … »: for each activity a child is enrolled in, the deadline of
 * its first day next month that can still be booked (later days close one by one after it).
 */
async function nextMonthDeadlines(scope: Scope, kidIds: string[], today: CivilDate) {
  const month = shiftMonth(today.slice(0, 7), 1);
  const { from, to } = monthRange(month);
  const byActivity = new Map<string, FamilyOverview["deadlines"][number]>();
  for (const childId of kidIds) {
    const planning = await getPlanning(scope, { childId, from, to });
    for (const activity of planning.activities) {
      if (activity.enrolment !== "accepted") continue;
      const first = activity.days.find((d) => d.runs && d.bookable && !d.own);
      const known = byActivity.get(activity.id);
      if (first && (!known || first.date < known.firstDay)) {
        byActivity.set(activity.id, { activityName: activity.name, month, firstDay: first.date, deadline: first.bookingDeadline });
      }
    }
  }
  return [...byActivity.values()].sort((a, b) => a.deadline.getTime() - b.deadline.getTime() || a.activityName.localeCompare(b.activityName, "fr"));
}
