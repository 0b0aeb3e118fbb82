import { createHash, randomBytes } from "node:crypto";
import ical from "ical-generator";
import { and, asc, eq, gte, inArray, isNull, lte } from "drizzle-orm";
import type { Tx } from "@/db";
import { activities, bookings, calendarFeeds, children, households, schoolYears, sites } from "@/db/schema";
import { withTenant } from "@/db/transaction";
import { yearSummerEndSql } from "@/server/domain/calendar/school-calendar";
import { findTenantBySlug } from "@/server/domain/tenants/tenants";
import { env } from "@/config/env";
import { notFound } from "@/server/errors";
import type { Scope } from "@/server/domain/scope";
import { now as clockNow } from "@/common/clock";
import { addDays, parseCivilDate, todayIn, type CivilDate } from "@/common/dates";
import { messages } from "@/common/messages";

/** Only the SHA-256 of a feed's token is stored: the URL is shown once, then can only be replaced. */
export const hashFeedToken = (token: string) => createHash("sha256").update(token).digest("hex");

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const PAST_DAYS = 30;

/** The private address of a feed, and its webcal:// twin that calendar apps subscribe to on a click. */
export function feedUrls(communeSlug: string, token: string) {
  const url = `${env().appUrl}/api/calendrier/${encodeURIComponent(communeSlug)}/${token}.ics`;
  return { url, webcalUrl: url.replace(/^https?:\/\//, "webcal://") };
}

async function assertHousehold(tx: Tx, tenantId: string, householdId: string) {
  const [row] = await tx
    .select({ id: households.id })
    .from(households)
    .where(and(eq(households.tenantId, tenantId), eq(households.id, householdId)));
  if (!row) throw notFound();
}

/** A parent acts on their own households only; anything else looks like it does not exist. */
function assertOwn(scope: Scope, householdId: string) {
  if (scope.actor.role === "parent" && !scope.actor.householdIds.includes(householdId)) throw notFound();
}

/** Revokes the household's current feed, if any. */
export async function revokeFeed(scope: Scope, input: { householdId: string }) {
  const { tx, now } = scope;
  const tenantId = scope.tenant.id;
  const { householdId } = input;
  assertOwn(scope, householdId);
  await assertHousehold(tx, tenantId, householdId);
  const revoked = await tx
    .update(calendarFeeds)
    .set({ revokedAt: now })
    .where(and(eq(calendarFeeds.tenantId, tenantId), eq(calendarFeeds.householdId, householdId), isNull(calendarFeeds.revokedAt)))
    .returning({ id: calendarFeeds.id });
  return { revoked: revoked.length };
}

/** A new feed for the household (the previous one stops working); the raw token is returned once. */
export async function createFeed(scope: Scope, input: { householdId: string }) {
  const { tx, now } = scope;
  const tenantId = scope.tenant.id;
  const { householdId } = input;
  await revokeFeed(scope, input);
  const token = randomBytes(32).toString("base64url");
  const [row] = await tx
    .insert(calendarFeeds)
    .values({ tenantId, householdId, tokenHash: hashFeedToken(token), createdAt: now })
    .returning({ createdAt: calendarFeeds.createdAt });
  return { token, createdAt: row!.createdAt };
}

/** A new private address for the household, shown this once (the previous one stops working). */
export async function newFeedAddress(scope: Scope, input: { householdId: string }) {
  const feed = await createFeed(scope, input);
  return { ...feedUrls(scope.tenant.slug, feed.token), createdAt: feed.createdAt };
}

/** For each of the caller's households: whether a feed is active, and since when (never the token). */
export async function feedStatus(scope: Scope) {
  const { tx } = scope;
  const tenantId = scope.tenant.id;
  const { householdIds } = scope.actor;
  if (!householdIds.length) return [];
  const rows = await tx
    .select({ householdId: households.id, householdName: households.name, createdAt: calendarFeeds.createdAt })
    .from(households)
    .leftJoin(
      calendarFeeds,
      and(eq(calendarFeeds.tenantId, households.tenantId), eq(calendarFeeds.householdId, households.id), isNull(calendarFeeds.revokedAt)),
    )
    .where(and(eq(households.tenantId, tenantId), inArray(households.id, householdIds)))
    .orderBy(asc(households.name));
  return rows.map((r) => ({ householdId: r.householdId, householdName: r.householdName, activeSince: r.createdAt }));
}

export interface FeedEvent {
  uid: string;
  date: CivilDate;
  summary: string;
  location: string;
  description: string;
}

/**
 * The confirmed bookings of the household owning an active feed, from 30 days ago to the end of the
 * school year; null when the token is unknown or revoked.
 */
export async function feedEvents(tx: Tx, tenantId: string, tokenHash: string, today: CivilDate) {
  const [feed] = await tx
    .select({ householdId: calendarFeeds.householdId, householdName: households.name })
    .from(calendarFeeds)
    .innerJoin(households, and(eq(households.tenantId, calendarFeeds.tenantId), eq(households.id, calendarFeeds.householdId)))
    .where(and(eq(calendarFeeds.tenantId, tenantId), eq(calendarFeeds.tokenHash, tokenHash), isNull(calendarFeeds.revokedAt)));
  if (!feed) return null;
  // The summer after a school year still belongs to it (holiday centres).
  const yearReach = yearSummerEndSql();
  const [year] = await tx
    .select({ endDate: yearReach })
    .from(schoolYears)
    .where(and(eq(schoolYears.tenantId, tenantId), gte(yearReach, today)))
    .orderBy(asc(schoolYears.startDate))
    .limit(1);
  const rows = await tx
    .select({
      id: bookings.id,
      date: bookings.date,
      childName: children.firstName,
      activityName: activities.name,
      siteName: sites.name,
      siteAddress: sites.address,
    })
    .from(bookings)
    .innerJoin(children, and(eq(children.tenantId, bookings.tenantId), eq(children.id, bookings.childId)))
    .innerJoin(activities, and(eq(activities.tenantId, bookings.tenantId), eq(activities.id, bookings.activityId)))
    .innerJoin(sites, and(eq(sites.tenantId, activities.tenantId), eq(sites.id, activities.siteId)))
    .where(
      and(
        eq(bookings.tenantId, tenantId),
        eq(children.householdId, feed.householdId),
        eq(bookings.status, "confirmed"),
        gte(bookings.date, addDays(today, -PAST_DAYS)),
        lte(bookings.date, year?.endDate ?? today),
      ),
    )
    .orderBy(asc(bookings.date), asc(activities.name), asc(children.firstName));
  const events: FeedEvent[] = rows.map((r) => ({
    uid: `${r.id}@recre`,
    date: r.date,
    summary: messages.absences.feed.summary(r.activityName, r.childName),
    location: r.siteName,
    description: messages.absences.feed.description(r.siteAddress),
  }));
  return { householdName: feed.householdName, events };
}

const utcDay = (d: CivilDate) => {
  const { year, month, day } = parseCivilDate(d);
  return new Date(Date.UTC(year, month - 1, day));
};

/** The iCalendar text: one all-day event per booking. */
export function renderFeed(calendarName: string, events: FeedEvent[], now = clockNow()): string {
  const calendar = ical({ name: calendarName, prodId: { company: "Récré", product: "Portail famille", language: "FR" }, ttl: 60 * 60 });
  for (const e of events) {
    calendar.createEvent({
      id: e.uid,
      start: utcDay(e.date),
      end: utcDay(addDays(e.date, 1)),
      allDay: true,
      summary: e.summary,
      location: e.location,
      description: e.description,
      stamp: now,
    });
  }
  return calendar.toString();
}

/**
 * What the calendar address answers: the feed's text, or null for anything else (unknown or
 * suspended commune, malformed, unknown or revoked token) so a caller learns nothing.
 */
export async function icsForToken(communeSlug: string, rawToken: string, now = clockNow()): Promise<string | null> {
  const token = rawToken.replace(/\.ics$/i, "");
  if (!TOKEN.test(token)) return null;
  const tenant = await findTenantBySlug(communeSlug);
  if (!tenant || tenant.status !== "active") return null;
  const feed = await withTenant(tenant.id, (tx) => feedEvents(tx, tenant.id, hashFeedToken(token), todayIn(tenant.timeZone, now)));
  if (!feed) return null;
  return renderFeed(messages.absences.feed.calendarName(tenant.name, feed.householdName), feed.events, now);
}
