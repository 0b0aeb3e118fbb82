import { sql } from "drizzle-orm";
import { rowsOf } from "@/db/client";
import { activities, children, guardians, users } from "@/db/schema";
import type { Scope } from "@/server/domain/scope";
import { queueEmails } from "@/server/email/outbox";
import { env } from "@/config/env";
import { formatDayLong, formatInstant } from "@/common/dates";
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
  heldUntil?: Date;
}

interface Found {
  kids: { id: string; firstName: string; householdId: string }[] | null;
  recipients: { householdId: string; email: string }[] | null;
  activities: { id: string; name: string }[] | null;
}

type Summarised = "confirmed" | "waitlisted" | "cancelled";
const summarised = (o: Done): o is Done & { result: Summarised } => o.result === "confirmed" || o.result === "waitlisted" || o.result === "cancelled";

/**
 * One e-mail per household per validation of the planning, listing every day booked, waitlisted or
 * cancelled (never one per day), to the household's guardians with an account who kept the booking
 * e-mails on. Days a parent puts in the basket are not confirmed yet: the payment confirms them. Days
 * staff put in the family's basket (places given by an allocation) are listed as such, with the time
 * left to pay them: the family did not ask for them just now.
 */
export async function queueBookingSummaries(scope: Scope, outcomes: Done[]) {
  const { tx, tenant } = scope;
  const done = outcomes.filter(summarised).filter((o) => !o.held || scope.actor.role === "staff");
  if (!done.length) return;
  // The children, their households' recipients and the activities' names, in one statement.
  const [row] = rowsOf<{ found: Found | string }>(
    await tx.execute(sql`select json_build_object(
      'kids', (select json_agg(json_build_object('id', c.id, 'firstName', c.first_name, 'householdId', c.household_id)) from ${children} c
        where c.tenant_id = ${tenant.id} and c.id in (${sql.join([...new Set(done.map((o) => sql`${o.childId}::uuid`))], sql`, `)})),
      'recipients', (select json_agg(distinct jsonb_build_object('householdId', g.household_id, 'email', u.email)) from ${guardians} g
        join ${users} u on u.id = g.user_id
        where g.tenant_id = ${tenant.id} and u.booking_emails and g.household_id in (select c.household_id from ${children} c
          where c.tenant_id = ${tenant.id} and c.id in (${sql.join([...new Set(done.map((o) => sql`${o.childId}::uuid`))], sql`, `)}))),
      'activities', (select json_agg(json_build_object('id', a.id, 'name', a.name)) from ${activities} a
        where a.tenant_id = ${tenant.id} and a.id in (${sql.join([...new Set(done.map((o) => sql`${o.activityId}::uuid`))], sql`, `)}))
    ) as found`),
  );
  const found = (typeof row!.found === "string" ? JSON.parse(row!.found) : row!.found) as Found;
  const kids = found.kids ?? [];
  const names = new Map((found.activities ?? []).map((a) => [a.id, a.name]));
  const kidOf = new Map(kids.map((k) => [k.id, k]));
  const mails: Parameters<typeof queueEmails<"bookings-confirmed">>[2] = [];
  for (const householdId of new Set(kids.map((k) => k.householdId))) {
    const mine = done.filter((o) => kidOf.get(o.childId)?.householdId === householdId).sort((a, b) => a.date.localeCompare(b.date));
    const recipients = (found.recipients ?? []).filter((r) => r.householdId === householdId).sort((a, b) => a.email.localeCompare(b.email));
    if (!recipients.length) continue;
    const lines: BookingSummaryLine[] = mine.map((o) => ({
      dayLabel: formatDayLong(o.date),
      childName: kidOf.get(o.childId)!.firstName,
      activityName: names.get(o.activityId) ?? "",
      result: o.held && o.heldUntil ? messages.everyday.bookingInBasket(formatInstant(o.heldUntil, tenant.timeZone)) : messages.everyday.bookingResults[o.result],
      amount: o.result === "confirmed" && o.amountCents !== null ? formatMoney(o.amountCents) : null,
    }));
    const sum = (held: boolean) => {
      const priced = mine.filter((o) => o.result === "confirmed" && Boolean(o.held) === held && o.amountCents !== null);
      return priced.length ? formatMoney(priced.reduce((n, o) => n + o.amountCents!, 0)) : null;
    };
    const inBasket = mine.some((o) => o.held);
    for (const r of recipients) {
      mails.push({
        to: r.email,
        props: {
          communeName: tenant.name,
          lines,
          total: sum(false),
          basketTotal: sum(true),
          url: `${env().appUrl}/${tenant.slug}/${inBasket ? "panier" : "planning"}`,
          preferencesUrl: `${env().appUrl}/compte#preferences`,
        },
      });
    }
  }
  // Rendered together (a round's publication writes to every family at once).
  await queueEmails(tx, "bookings-confirmed", mails);
}
