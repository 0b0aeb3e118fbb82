import { and, eq, inArray, isNotNull } from "drizzle-orm";
import { activities, children, guardians, users } from "@/db/schema";
import type { Scope } from "@/server/domain/scope";
import { queueEmail } from "@/server/email/outbox";
import { env } from "@/config/env";
import { formatDayLong } from "@/common/dates";
import { messages } from "@/common/messages";
import { formatMoney } from "@/common/money";
import type { BookingSummaryLine } from "@/emails/bookings-confirmed";

/** What the summary needs of an outcome of `applyBookingChanges`. */
interface Done {
  childId: string;
  activityId: string;
  date: string;
  result: string;
  amountCents: number | null;
  held?: true;
}

type Summarised = "confirmed" | "waitlisted" | "cancelled";
const summarised = (o: Done): o is Done & { result: Summarised } => !o.held && (o.result === "confirmed" || o.result === "waitlisted" || o.result === "cancelled");

/**
 * One e-mail per household per validation of the planning, listing every day booked, waitlisted or
 * cancelled (never one per day), to the household's guardians with an account who kept the booking
 * e-mails on. Days put in a basket are not confirmed yet: the payment confirms them.
 */
export async function queueBookingSummaries(scope: Scope, outcomes: Done[]) {
  const { tx, tenant } = scope;
  const done = outcomes.filter(summarised);
  if (!done.length) return;
  const kids = await tx
    .select({ id: children.id, firstName: children.firstName, householdId: children.householdId })
    .from(children)
    .where(and(eq(children.tenantId, tenant.id), inArray(children.id, [...new Set(done.map((o) => o.childId))])));
  const names = new Map(
    (
      await tx
        .select({ id: activities.id, name: activities.name })
        .from(activities)
        .where(and(eq(activities.tenantId, tenant.id), inArray(activities.id, [...new Set(done.map((o) => o.activityId))])))
    ).map((a) => [a.id, a.name]),
  );
  const kidOf = new Map(kids.map((k) => [k.id, k]));
  for (const householdId of new Set(kids.map((k) => k.householdId))) {
    const mine = done.filter((o) => kidOf.get(o.childId)?.householdId === householdId).sort((a, b) => a.date.localeCompare(b.date));
    const recipients = await tx
      .selectDistinct({ email: users.email })
      .from(guardians)
      .innerJoin(users, eq(users.id, guardians.userId))
      .where(and(eq(guardians.tenantId, tenant.id), eq(guardians.householdId, householdId), isNotNull(guardians.userId), eq(users.bookingEmails, true)));
    if (!recipients.length) continue;
    const lines: BookingSummaryLine[] = mine.map((o) => ({
      dayLabel: formatDayLong(o.date),
      childName: kidOf.get(o.childId)!.firstName,
      activityName: names.get(o.activityId) ?? "",
      result: messages.everyday.bookingResults[o.result],
      amount: o.result === "confirmed" && o.amountCents !== null ? formatMoney(o.amountCents) : null,
    }));
    const priced = mine.filter((o) => o.result === "confirmed" && o.amountCents !== null);
    const total = priced.length ? formatMoney(priced.reduce((n, o) => n + o.amountCents!, 0)) : null;
    for (const r of recipients) {
      await queueEmail(tx, r.email, "bookings-confirmed", {
        communeName: tenant.name,
        lines,
        total,
        url: `${env().appUrl}/${tenant.slug}/planning`,
        preferencesUrl: `${env().appUrl}/compte#preferences`,
      });
    }
  }
}
