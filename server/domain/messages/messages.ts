import { randomUUID } from "node:crypto";
import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { activities, children, enrolments, familyMessages, guardians, households, sites, tenants, users } from "@/db/schema";
import { withPlatform } from "@/db/transaction";
import type { Scope } from "@/server/domain/scope";
import { familyAddresses, notifyStaff } from "@/server/domain/requests/notify";
import { queueEmails } from "@/server/email/outbox";
import { env } from "@/config/env";
import { AppError, notFound } from "@/server/errors";
import { messages } from "@/common/messages";

/**
 * Messages between the commune and its families. Staff write to one family, or to every family with
 * a child enrolled in an activity or at a site (one row per family, sharing a broadcast id); a family
 * writes to the commune. Each side marks what it received as read; e-mails only say a message waits.
 */

const m = messages.demandes.messages;

export type Audience = { householdId: string } | { activityId: string } | { siteId: string };

/** The families an audience reaches: one household of the commune, or those with an accepted enrolment there. */
async function audienceHouseholds(scope: Scope, audience: Audience): Promise<string[]> {
  const tenantId = scope.tenant.id;
  if ("householdId" in audience) {
    const [row] = await scope.tx.select({ id: households.id }).from(households).where(and(eq(households.tenantId, tenantId), eq(households.id, audience.householdId)));
    if (!row) throw notFound();
    return [row.id];
  }
  const where =
    "activityId" in audience ? eq(activities.id, audience.activityId) : eq(activities.siteId, audience.siteId);
  const rows = await scope.tx
    .selectDistinct({ householdId: children.householdId })
    .from(enrolments)
    .innerJoin(children, and(eq(children.tenantId, enrolments.tenantId), eq(children.id, enrolments.childId)))
    .innerJoin(activities, and(eq(activities.tenantId, enrolments.tenantId), eq(activities.id, enrolments.activityId)))
    .where(and(eq(enrolments.tenantId, tenantId), eq(enrolments.status, "accepted"), where));
  return rows.map((r) => r.householdId);
}

async function assertAudienceExists(scope: Scope, audience: Audience) {
  if ("activityId" in audience) {
    const [row] = await scope.tx.select({ id: activities.id }).from(activities).where(and(eq(activities.tenantId, scope.tenant.id), eq(activities.id, audience.activityId)));
    if (!row) throw notFound();
  } else if ("siteId" in audience) {
    const [row] = await scope.tx.select({ id: sites.id }).from(sites).where(and(eq(sites.tenantId, scope.tenant.id), eq(sites.id, audience.siteId)));
    if (!row) throw notFound();
  }
}

/** Staff: a message to one family or to all families of an activity or a site; each is told by e-mail. */
export async function sendToFamilies(scope: Scope, input: { audience: Audience; subject: string; body: string }) {
  const subject = input.subject.trim();
  if (!subject) throw new AppError("BAD_REQUEST", m.subjectRequired, "subject");
  await assertAudienceExists(scope, input.audience);
  const householdIds = await audienceHouseholds(scope, input.audience);
  if (!householdIds.length) throw new AppError("BAD_REQUEST", m.audienceEmpty, "audience");
  const broadcastId = householdIds.length > 1 || !("householdId" in input.audience) ? randomUUID() : null;
  await scope.tx.insert(familyMessages).values(
    householdIds.map((householdId) => ({
      tenantId: scope.tenant.id,
      householdId,
      direction: "to_family" as const,
      subject,
      body: input.body.trim(),
      senderUserId: scope.actor.userId,
      sentAt: scope.now,
      broadcastId,
      audienceActivityId: "activityId" in input.audience ? input.audience.activityId : null,
      audienceSiteId: "siteId" in input.audience ? input.audience.siteId : null,
    })),
  );
  const addresses = await familyAddresses(scope, householdIds);
  const url = `${env().appUrl}/${scope.tenant.slug}/messages`;
  const text = `La mairie de ${scope.tenant.name} vous a écrit : « ${subject} ».`;
  await queueEmails(
    scope.tx,
    "portal-notice",
    [...addresses.values()].flat().map((to) => ({ to, props: { subject: m.emailSubject(scope.tenant.name), text, url, button: "Lire le message" } })),
  );
  return { sent: householdIds.length, message: m.sent(householdIds.length) };
}

/** A family writes to the commune; its staff are told. */
export async function writeToCommune(scope: Scope, input: { householdId?: string; subject: string; body: string }) {
  const householdId = input.householdId ?? scope.actor.householdIds[0];
  if (!householdId || !scope.actor.householdIds.includes(householdId)) throw notFound();
  const subject = input.subject.trim();
  if (!subject) throw new AppError("BAD_REQUEST", m.subjectRequired, "subject");
  if (!input.body.trim()) throw new AppError("BAD_REQUEST", messages.demandes.bodyRequired, "body");
  const [row] = await scope.tx
    .insert(familyMessages)
    .values({ tenantId: scope.tenant.id, householdId, direction: "to_commune", subject, body: input.body.trim(), senderUserId: scope.actor.userId, sentAt: scope.now })
    .returning({ id: familyMessages.id });
  const [household] = await scope.tx.select({ name: households.name }).from(households).where(and(eq(households.tenantId, scope.tenant.id), eq(households.id, householdId)));
  await notifyStaff(scope, {
    handledBy: "agent",
    assigneeUserId: null,
    subject: m.toStaffSubject(household?.name ?? ""),
    text: `La ${household?.name ?? "famille"} a écrit à la mairie : « ${subject} ».`,
    path: `/${scope.tenant.slug}/admin/messages`,
    button: "Lire le message",
  });
  return { messageId: row!.id };
}

const columns = {
  id: familyMessages.id,
  householdId: familyMessages.householdId,
  householdName: households.name,
  direction: familyMessages.direction,
  subject: familyMessages.subject,
  body: familyMessages.body,
  sentAt: familyMessages.sentAt,
  readAt: familyMessages.readAt,
  senderName: users.name,
  broadcastId: familyMessages.broadcastId,
  audienceActivity: activities.name,
  audienceSite: sites.name,
};

function listQuery(scope: Scope) {
  return scope.tx
    .select(columns)
    .from(familyMessages)
    .innerJoin(households, and(eq(households.tenantId, familyMessages.tenantId), eq(households.id, familyMessages.householdId)))
    .leftJoin(users, eq(users.id, familyMessages.senderUserId))
    .leftJoin(activities, and(eq(activities.tenantId, familyMessages.tenantId), eq(activities.id, familyMessages.audienceActivityId)))
    .leftJoin(sites, and(eq(sites.tenantId, familyMessages.tenantId), eq(sites.id, familyMessages.audienceSiteId)));
}

/** A family's messages, both ways, latest first; `unread`: received from the commune and not yet read. */
export async function familyInbox(scope: Scope) {
  const { householdIds } = scope.actor;
  if (!householdIds.length) return [];
  const rows = await listQuery(scope)
    .where(and(eq(familyMessages.tenantId, scope.tenant.id), inArray(familyMessages.householdId, householdIds)))
    .orderBy(desc(familyMessages.sentAt))
    .limit(200);
  return rows.map((r) => ({ ...r, unread: r.direction === "to_family" && !r.readAt }));
}

/** Staff: the commune's messages, both ways (one family's when asked), latest first; a broadcast once. */
export async function staffMessages(scope: Scope, input: { householdId?: string | null } = {}) {
  if (input.householdId) await audienceHouseholds(scope, { householdId: input.householdId });
  const rows = await listQuery(scope)
    .where(and(eq(familyMessages.tenantId, scope.tenant.id), input.householdId ? eq(familyMessages.householdId, input.householdId) : undefined))
    .orderBy(desc(familyMessages.sentAt))
    .limit(300);
  const seen = new Set<string>();
  const out = [];
  for (const r of rows) {
    if (r.broadcastId && !input.householdId) {
      if (seen.has(r.broadcastId)) continue;
      seen.add(r.broadcastId);
      const recipients = rows.filter((x) => x.broadcastId === r.broadcastId);
      out.push({ ...r, householdName: r.audienceActivity ?? r.audienceSite ?? r.householdName, recipients: recipients.length, read: recipients.filter((x) => x.readAt).length, unread: false });
      continue;
    }
    out.push({ ...r, recipients: 1, read: r.readAt ? 1 : 0, unread: r.direction === "to_commune" && !r.readAt });
  }
  return out;
}

/** The receiving side marks a message read: the family for the commune's, the staff for the family's. */
export async function markRead(scope: Scope, input: { messageId: string }) {
  const fromFamily = scope.actor.role === "parent";
  const owner = fromFamily ? inArray(familyMessages.householdId, scope.actor.householdIds.length ? scope.actor.householdIds : [randomUUID()]) : undefined;
  const [row] = await scope.tx
    .select({ id: familyMessages.id, direction: familyMessages.direction, readAt: familyMessages.readAt })
    .from(familyMessages)
    .where(and(eq(familyMessages.tenantId, scope.tenant.id), eq(familyMessages.id, input.messageId), owner));
  if (!row) throw notFound();
  const receiver = fromFamily ? "to_family" : "to_commune";
  if (row.direction === receiver && !row.readAt) {
    await scope.tx
      .update(familyMessages)
      .set({ readAt: scope.now })
      .where(and(eq(familyMessages.tenantId, scope.tenant.id), eq(familyMessages.id, row.id)));
  }
  return { messageId: row.id, read: row.direction === receiver };
}

/**
 * The parent's home across communes: unread messages from each commune where they have a family.
 * The privileged path (like the list of their communes), restricted to the user's own households.
 */
export async function unreadMessagesByCommune(userId: string) {
  const rows = await withPlatform((tx) =>
    tx
      .select({ tenantSlug: tenants.slug, tenantName: tenants.name, unread: sql<number>`count(distinct ${familyMessages.id})::int` })
      .from(familyMessages)
      .innerJoin(guardians, and(eq(guardians.tenantId, familyMessages.tenantId), eq(guardians.householdId, familyMessages.householdId)))
      .innerJoin(tenants, eq(tenants.id, familyMessages.tenantId))
      .where(and(eq(guardians.userId, userId), eq(familyMessages.direction, "to_family"), isNull(familyMessages.readAt), eq(tenants.status, "active")))
      .groupBy(tenants.slug, tenants.name)
      .orderBy(tenants.name),
  );
  return rows.map((r) => ({ ...r, unread: Number(r.unread) }));
}
