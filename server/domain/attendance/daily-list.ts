import { and, asc, eq, inArray, notExists } from "drizzle-orm";
import type { Tx } from "@/db";
import { absenceReports, activities, attendance, authorizedPickups, bookings, children, occurrences, sites, type attendanceStatuses } from "@/db/schema";
import { dayState } from "@/server/domain/booking/availability";
import { getActivity, rulesOf } from "@/server/domain/booking/facts";
import { reasonText } from "@/server/domain/booking/reason-text";
import { loadCalendar } from "@/server/domain/calendar/school-calendar";
import { notFound } from "@/server/errors";
import { todayIn, type CivilDate } from "@/common/dates";
import type { Scope } from "@/server/domain/scope";
import { allergiesForList, guardianPhones } from "@/server/domain/family-file/lists";

export type AttendanceStatus = (typeof attendanceStatuses)[number];

export interface Pickup {
  name: string;
  relationship: string;
  phone: string;
}

export interface ListedChild {
  childId: string;
  firstName: string;
  lastName: string;
  classLevel: string | null;
  school: string | null;
  /** The child's photo in storage (served by /api/fichiers), or null. */
  photoFileId: string | null;
  /** « Arachide (sévère), lactose (légère) », decrypted for the list (each shown record is a logged health view). */
  allergies: string | null;
  hasPai: boolean;
  diet: (typeof children.$inferSelect)["diet"];
  pickups: Pickup[];
  /** The guardians' phones, beside the pickups: a tap calls them. */
  guardians: { name: string; phone: string }[];
  /** Current pointage, or null when not marked yet. */
  status: AttendanceStatus | null;
  /** The confirmed booking of the day (null for a child pointed without one). */
  bookingId: string | null;
  /** An absence reported by the family for this booking, and where its review stands. */
  absenceReport: "pending" | "accepted" | "rejected" | null;
}

export interface DailyActivity {
  id: string;
  name: string;
  service: string;
  unit: string;
  /** Whether the activity runs that day by its weekdays and the school calendar. */
  runs: boolean;
  /** Why it does not run (holidays, closure…), when it does not. */
  closedReason: string | null;
  /** Children with a confirmed booking that day. */
  expected: ListedChild[];
  /** Children with a pointage that day but no confirmed booking (present without booking…). */
  others: ListedChild[];
  counts: { expected: number; present: number; absent: number; excused: number; unbookedPresent: number; unmarked: number };
}

/** The commune's sites with their activities, for the site agents' picker, and today in the commune's time zone. */
export async function sitesWithActivities(scope: Scope) {
  const { tx } = scope;
  const tenantId = scope.tenant.id;
  const siteRows = await tx
    .select({ id: sites.id, name: sites.name, address: sites.address })
    .from(sites)
    .where(and(eq(sites.tenantId, tenantId), eq(sites.archived, false)))
    .orderBy(asc(sites.name));
  const activityRows = await tx
    .select({ id: activities.id, siteId: activities.siteId, name: activities.name, unit: activities.unit, weekdays: activities.weekdays })
    .from(activities)
    .where(and(eq(activities.tenantId, tenantId), eq(activities.archived, false)))
    .orderBy(asc(activities.name));
  return { today: todayIn(scope.tenant.timeZone, scope.now), sites: siteRows.map((s) => ({ ...s, activities: activityRows.filter((a) => a.siteId === s.id) })) };
}

async function getSite(tx: Tx, tenantId: string, siteId: string) {
  const [site] = await tx
    .select({ id: sites.id, name: sites.name, address: sites.address })
    .from(sites)
    .where(and(eq(sites.tenantId, tenantId), eq(sites.id, siteId)));
  if (!site) throw notFound();
  return site;
}

const closingReasons = new Set(["no_service", "outside_year", "public_holiday", "school_holiday", "term_time", "closed"]);

/**
 * The site agents' list for one site and day: for each activity of the site that runs that day or
 * has children booked or pointed, the expected children with what an agent must see at a glance
 * (photo, class, allergies and PAI, who may collect them) and their pointage.
 */
export async function dailyList(scope: Scope, input: { siteId: string; date: CivilDate }) {
  const { tx, tenant, now } = scope;
  const today = todayIn(tenant.timeZone, now);
  const site = await getSite(tx, tenant.id, input.siteId);
  const siteActivities = await tx
    .select({ id: activities.id })
    .from(activities)
    .where(and(eq(activities.tenantId, tenant.id), eq(activities.siteId, site.id), eq(activities.archived, false)));
  const activityIds = siteActivities.map((a) => a.id);
  if (!activityIds.length) return { today, site, date: input.date, activities: [] as DailyActivity[] };

  const childColumns = {
    childId: children.id,
    firstName: children.firstName,
    lastName: children.lastName,
    classLevel: children.classLevel,
    school: children.school,
    photoFileId: children.photoFileId,
    householdId: children.householdId,
    health: children.health,
    hasPai: children.hasPai,
    diet: children.diet,
  };
  const booked = await tx
    .select({ ...childColumns, activityId: bookings.activityId, bookingId: bookings.id, status: attendance.status, absenceReport: absenceReports.status })
    .from(bookings)
    .innerJoin(children, and(eq(children.tenantId, bookings.tenantId), eq(children.id, bookings.childId)))
    .leftJoin(
      attendance,
      and(
        eq(attendance.tenantId, bookings.tenantId),
        eq(attendance.activityId, bookings.activityId),
        eq(attendance.date, bookings.date),
        eq(attendance.childId, bookings.childId),
      ),
    )
    .leftJoin(absenceReports, and(eq(absenceReports.tenantId, bookings.tenantId), eq(absenceReports.bookingId, bookings.id)))
    .where(
      and(eq(bookings.tenantId, tenant.id), inArray(bookings.activityId, activityIds), eq(bookings.date, input.date), eq(bookings.status, "confirmed")),
    );
  const pointedOnly = await tx
    .select({ ...childColumns, activityId: attendance.activityId, status: attendance.status })
    .from(attendance)
    .innerJoin(children, and(eq(children.tenantId, attendance.tenantId), eq(children.id, attendance.childId)))
    .where(
      and(
        eq(attendance.tenantId, tenant.id),
        inArray(attendance.activityId, activityIds),
        eq(attendance.date, input.date),
        notExists(
          tx
            .select({ one: bookings.id })
            .from(bookings)
            .where(
              and(
                eq(bookings.tenantId, attendance.tenantId),
                eq(bookings.activityId, attendance.activityId),
                eq(bookings.date, attendance.date),
                eq(bookings.childId, attendance.childId),
                eq(bookings.status, "confirmed"),
              ),
            ),
        ),
      ),
    );

  const childIds = [...new Set([...booked, ...pointedOnly].map((r) => r.childId))];
  const pickups = childIds.length
    ? await tx
        .select({ childId: authorizedPickups.childId, name: authorizedPickups.name, relationship: authorizedPickups.relationship, phone: authorizedPickups.phone })
        .from(authorizedPickups)
        .where(and(eq(authorizedPickups.tenantId, tenant.id), inArray(authorizedPickups.childId, childIds)))
        .orderBy(asc(authorizedPickups.name))
    : [];
  const pickupsOf = (childId: string) => pickups.filter((p) => p.childId === childId).map(({ name, relationship, phone }) => ({ name, relationship, phone }));
  const everyone = [...booked, ...pointedOnly];
  const allergies = await allergiesForList(scope, everyone, "daily_list");
  const phones = await guardianPhones(scope, everyone.map((r) => r.householdId));
  const listed = <T extends { childId: string; householdId: string; health: string | null }>({ householdId, health: _h, ...row }: T) => ({
    ...row,
    allergies: allergies.get(row.childId) ?? null,
    pickups: pickupsOf(row.childId),
    guardians: phones.get(householdId) ?? [],
  });

  const overrides = await tx
    .select({ activityId: occurrences.activityId, capacity: occurrences.capacity, closed: occurrences.closed })
    .from(occurrences)
    .where(and(eq(occurrences.tenantId, tenant.id), inArray(occurrences.activityId, activityIds), eq(occurrences.date, input.date)));
  const calendar = await loadCalendar(tx, tenant, input.date, input.date);
  const byName = (a: ListedChild, b: ListedChild) => a.lastName.localeCompare(b.lastName, "fr") || a.firstName.localeCompare(b.firstName, "fr");

  const result: DailyActivity[] = [];
  for (const id of activityIds) {
    const activity = await getActivity(tx, tenant.id, id);
    const override = overrides.find((o) => o.activityId === id);
    const state = dayState(
      rulesOf(activity),
      { date: input.date, enrolment: "accepted", capacityOverride: override?.capacity ?? null, closedOverride: override?.closed ?? false, opensAt: null, taken: 0, own: null },
      calendar,
      tenant.timeZone,
      now,
    );
    const runs = state.runs && !(state.reason && closingReasons.has(state.reason));
    const expected: ListedChild[] = booked
      .filter((b) => b.activityId === id)
      .map(({ activityId: _a, ...b }) => listed(b))
      .sort(byName);
    const others: ListedChild[] = pointedOnly
      .filter((p) => p.activityId === id)
      .map(({ activityId: _a, ...p }) => ({ ...listed(p), bookingId: null, absenceReport: null }))
      .sort(byName);
    if (!runs && !expected.length && !others.length) continue;
    const count = (list: ListedChild[], status: AttendanceStatus | null) => list.filter((c) => c.status === status).length;
    result.push({
      id,
      name: activity.name,
      service: activity.service,
      unit: activity.unit,
      runs,
      closedReason: runs ? null : reasonText(state),
      expected,
      others,
      counts: {
        expected: expected.length,
        present: count(expected, "present") + count(others, "present") + count([...expected, ...others], "unbooked_present"),
        absent: count(expected, "absent") + count(others, "absent"),
        excused: count(expected, "excused") + count(others, "excused"),
        unbookedPresent: count([...expected, ...others], "unbooked_present"),
        unmarked: count(expected, null),
      },
    });
  }
  result.sort((a, b) => a.name.localeCompare(b.name, "fr"));
  return { today, site, date: input.date, activities: result };
}
