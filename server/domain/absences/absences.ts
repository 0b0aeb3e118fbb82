import { and, asc, desc, eq, gte, inArray, lte, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { absenceReasons, absenceReports, activities, attendance, bookings, children, households, sites, users } from "@/db/schema";
import { loadCalendar } from "@/server/domain/calendar/school-calendar";
import type { Actor, Scope, ScopeOutsideTx } from "@/server/domain/scope";
import { AppError, notFound } from "@/server/errors";
import { addDays, todayIn, type CivilDate } from "@/common/dates";
import { messages } from "@/common/messages";
import { checkUpload, type CheckedUpload, type UploadInput, type UploadType } from "@/server/lib/uploads";
import { recordFile, withStoredUpload, type PendingFile } from "@/server/domain/files/stored-files";
import { bookingDeadline } from "@/common/deadline";
import { getActivity, type ActivityRow } from "@/server/domain/booking/facts";
import { queueAbsenceDecision } from "./absence-email";

const text = messages.absences;

export type AbsenceReason = (typeof absenceReasons)[number];

export const CERTIFICATE_TYPES = ["application/pdf", "image/jpeg", "image/png"] as const satisfies readonly UploadType[];
export const CERTIFICATE_MAX_BYTES = 2 * 1024 * 1024;
/** A day more than this many days ago can no longer be reported online. */
export const REPORT_WINDOW_DAYS = 30;
/** How far ahead a day can be past its cancellation deadline (deadlines up to the previous month). */
const LOOKAHEAD_DAYS = 62;

export type CertificateInput = UploadInput;

export interface ReportInput {
  bookingId?: string;
  childId?: string;
  activityId?: string;
  date?: CivilDate;
  reason: AbsenceReason;
  comment?: string;
  certificate?: CertificateInput | null;
}

/** Type, size (decoded, at most 2 MB), well-formed base64, and content matching the announced type. */
export function checkCertificate(input: CertificateInput): CheckedUpload {
  return checkUpload(input, { types: CERTIFICATE_TYPES, maxBytes: CERTIFICATE_MAX_BYTES, field: "certificate", messages: text.certificate });
}

/** The last instant the booking could be cancelled online (epoch when it never could). */
function cancelDeadline(activity: ActivityRow, date: CivilDate, calendar: Awaited<ReturnType<typeof loadCalendar>>, timeZone: string) {
  return bookingDeadline(activity.cancelRule ?? activity.bookingRule, date, calendar, timeZone);
}

async function ownBooking(tx: Tx, tenantId: string, actor: Actor, input: ReportInput) {
  const columns = {
    id: bookings.id,
    childId: bookings.childId,
    activityId: bookings.activityId,
    date: bookings.date,
    status: bookings.status,
    householdId: children.householdId,
  };
  const query = () =>
    tx.select(columns).from(bookings).innerJoin(children, and(eq(children.tenantId, bookings.tenantId), eq(children.id, bookings.childId)));
  if (input.bookingId) {
    const [row] = await query().where(and(eq(bookings.tenantId, tenantId), eq(bookings.id, input.bookingId)));
    if (!row || !actor.householdIds.includes(row.householdId)) throw notFound();
    return row;
  }
  if (!input.childId || !input.activityId || !input.date) throw new AppError("BAD_REQUEST", undefined, "bookingId");
  const [child] = await tx
    .select({ householdId: children.householdId })
    .from(children)
    .where(and(eq(children.tenantId, tenantId), eq(children.id, input.childId)));
  if (!child || !actor.householdIds.includes(child.householdId)) throw notFound();
  const rows = await query()
    .where(
      and(
        eq(bookings.tenantId, tenantId),
        eq(bookings.childId, input.childId),
        eq(bookings.activityId, input.activityId),
        eq(bookings.date, input.date),
      ),
    )
    .orderBy(desc(bookings.createdAt));
  const row = rows.find((r) => r.status === "confirmed") ?? rows[0];
  if (!row) throw new AppError("BAD_REQUEST", text.notConfirmed, "bookingId");
  return row;
}

/**
 * A parent reports an absence for a day that can no longer be cancelled: their own child's confirmed
 * booking, past its cancellation deadline, at most 30 days ago, once per booking. Staff review it.
 * The certificate is checked by content and written to storage before the report's transaction
 * (removed again if the report is refused).
 */
export async function reportAbsence(scope: ScopeOutsideTx, input: ReportInput) {
  const { tenant, actor, now } = scope;
  const certificate = input.certificate ? checkCertificate(input.certificate) : null;
  return withStoredUpload(tenant, "absence_certificate", certificate, async (tx, file) => ({ result: await recordReport({ tx, tenant, actor, now }, input, file) }));
}

async function recordReport(scope: Scope, input: ReportInput, file: PendingFile | null) {
  const { tx, tenant, actor, now } = scope;
  const booking = await ownBooking(tx, tenant.id, actor, input);
  if (booking.status !== "confirmed") throw new AppError("BAD_REQUEST", text.notConfirmed, "bookingId");
  const today = todayIn(tenant.timeZone, now);
  if (booking.date < addDays(today, -REPORT_WINDOW_DAYS)) throw new AppError("BAD_REQUEST", text.tooOld, "bookingId");
  const activity = await getActivity(tx, tenant.id, booking.activityId);
  const calendar = await loadCalendar(tx, tenant, booking.date, booking.date);
  if (now <= cancelDeadline(activity, booking.date, calendar, tenant.timeZone)) throw new AppError("BAD_REQUEST", text.stillCancellable, "bookingId");
  const comment = (input.comment ?? "").trim();
  if (comment.length > 1000) throw new AppError("BAD_REQUEST", text.commentTooLong, "comment");
  const certificateFileId = file ? await recordFile(tx, tenant.id, { householdId: booking.householdId, kind: "absence_certificate", file }) : null;
  const [created] = await tx
    .insert(absenceReports)
    .values({
      tenantId: tenant.id,
      bookingId: booking.id,
      reason: input.reason,
      comment,
      certificateName: file?.name ?? null,
      certificateType: file?.contentType ?? null,
      certificateFileId,
      reportedAt: now,
      reportedBy: actor.userId,
    })
    .onConflictDoNothing()
    .returning({ id: absenceReports.id, status: absenceReports.status, reportedAt: absenceReports.reportedAt });
  if (!created) throw new AppError("CONFLICT", text.alreadyReported, "bookingId");
  return created;
}

const reportColumns = {
  id: absenceReports.id,
  bookingId: absenceReports.bookingId,
  reason: absenceReports.reason,
  comment: absenceReports.comment,
  status: absenceReports.status,
  reportedAt: absenceReports.reportedAt,
  reviewedAt: absenceReports.reviewedAt,
  certificateName: absenceReports.certificateName,
  certificateType: absenceReports.certificateType,
  hasCertificate: sql<boolean>`(${absenceReports.certificateFileId} is not null)`,
  certificateFileId: absenceReports.certificateFileId,
  date: bookings.date,
  childId: children.id,
  childFirstName: children.firstName,
  childLastName: children.lastName,
  classLevel: children.classLevel,
  activityName: activities.name,
  siteName: sites.name,
};

function reportsQuery(tx: Tx) {
  return tx
    .select({ ...reportColumns, householdReference: households.reference, reportedByName: users.name })
    .from(absenceReports)
    .innerJoin(bookings, and(eq(bookings.tenantId, absenceReports.tenantId), eq(bookings.id, absenceReports.bookingId)))
    .innerJoin(children, and(eq(children.tenantId, bookings.tenantId), eq(children.id, bookings.childId)))
    .innerJoin(households, and(eq(households.tenantId, children.tenantId), eq(households.id, children.householdId)))
    .innerJoin(activities, and(eq(activities.tenantId, bookings.tenantId), eq(activities.id, bookings.activityId)))
    .innerJoin(sites, and(eq(sites.tenantId, activities.tenantId), eq(sites.id, activities.siteId)))
    .leftJoin(users, eq(users.id, absenceReports.reportedBy));
}

/**
 * A family's absence page: the confirmed days of its children that can no longer be cancelled
 * (from 30 days ago to the coming weeks), each with its report if any, and its reports.
 */
export async function familyAbsences(scope: Scope) {
  const { tx, tenant, now } = scope;
  const { householdIds } = scope.actor;
  if (!householdIds.length) return { days: [], reports: [] };
  const today = todayIn(tenant.timeZone, now);
  const from = addDays(today, -REPORT_WINDOW_DAYS);
  const to = addDays(today, LOOKAHEAD_DAYS);
  const rows = await tx
    .select({
      bookingId: bookings.id,
      date: bookings.date,
      activityId: bookings.activityId,
      childId: children.id,
      childFirstName: children.firstName,
      activityName: activities.name,
      siteName: sites.name,
      reportStatus: absenceReports.status,
      reportReason: absenceReports.reason,
    })
    .from(bookings)
    .innerJoin(children, and(eq(children.tenantId, bookings.tenantId), eq(children.id, bookings.childId)))
    .innerJoin(activities, and(eq(activities.tenantId, bookings.tenantId), eq(activities.id, bookings.activityId)))
    .innerJoin(sites, and(eq(sites.tenantId, activities.tenantId), eq(sites.id, activities.siteId)))
    .leftJoin(absenceReports, and(eq(absenceReports.tenantId, bookings.tenantId), eq(absenceReports.bookingId, bookings.id)))
    .where(
      and(
        eq(bookings.tenantId, tenant.id),
        inArray(children.householdId, householdIds),
        eq(bookings.status, "confirmed"),
        gte(bookings.date, from),
        lte(bookings.date, to),
      ),
    )
    .orderBy(desc(bookings.date), asc(children.firstName), asc(activities.name));
  const calendar = await loadCalendar(tx, tenant, from, to);
  const activityRows = new Map<string, ActivityRow>();
  const days = [];
  for (const r of rows) {
    let activity = activityRows.get(r.activityId);
    if (!activity) {
      activity = await getActivity(tx, tenant.id, r.activityId);
      activityRows.set(r.activityId, activity);
    }
    if (now <= cancelDeadline(activity, r.date, calendar, tenant.timeZone)) continue;
    days.push({
      bookingId: r.bookingId,
      date: r.date,
      childId: r.childId,
      childFirstName: r.childFirstName,
      activityName: r.activityName,
      siteName: r.siteName,
      past: r.date < today,
      report: r.reportStatus ? { status: r.reportStatus, reason: r.reportReason! } : null,
    });
  }
  const reports = await tx
    .select(reportColumns)
    .from(absenceReports)
    .innerJoin(bookings, and(eq(bookings.tenantId, absenceReports.tenantId), eq(bookings.id, absenceReports.bookingId)))
    .innerJoin(children, and(eq(children.tenantId, bookings.tenantId), eq(children.id, bookings.childId)))
    .innerJoin(activities, and(eq(activities.tenantId, bookings.tenantId), eq(activities.id, bookings.activityId)))
    .innerJoin(sites, and(eq(sites.tenantId, activities.tenantId), eq(sites.id, activities.siteId)))
    .where(and(eq(absenceReports.tenantId, tenant.id), inArray(children.householdId, householdIds)))
    .orderBy(desc(absenceReports.reportedAt), desc(bookings.date), asc(children.firstName))
    .limit(100);
  return { days, reports };
}

/** Staff: the reports of the commune, pending ones first by default, oldest first to review in order. */
export async function listAbsenceReports(scope: Scope, filter: { status?: "pending" | "accepted" | "rejected" } = {}) {
  const { tx } = scope;
  const tenantId = scope.tenant.id;
  return reportsQuery(tx)
    .where(and(eq(absenceReports.tenantId, tenantId), filter.status ? eq(absenceReports.status, filter.status) : undefined))
    .orderBy(
      filter.status === "pending" ? asc(absenceReports.reportedAt) : desc(absenceReports.reportedAt),
      asc(bookings.date),
      asc(children.lastName),
      asc(children.firstName),
    )
    .limit(200);
}

/** Staff accept or reject a pending report; accepting records the day as an excused absence. */
export async function reviewAbsence(scope: Scope, input: { reportId: string; decision: "accepted" | "rejected" }) {
  const { tx, now } = scope;
  const tenantId = scope.tenant.id;
  const staffUserId = scope.actor.userId;
  const [report] = await tx
    .select({ id: absenceReports.id, status: absenceReports.status, bookingId: absenceReports.bookingId })
    .from(absenceReports)
    .where(and(eq(absenceReports.tenantId, tenantId), eq(absenceReports.id, input.reportId)))
    .for("update");
  if (!report) throw notFound();
  if (report.status !== "pending") throw new AppError("CONFLICT", text.alreadyReviewed, "reportId");
  await tx
    .update(absenceReports)
    .set({ status: input.decision, reviewedAt: now, reviewedBy: staffUserId })
    .where(and(eq(absenceReports.tenantId, tenantId), eq(absenceReports.id, report.id)));
  await queueAbsenceDecision(scope, { bookingId: report.bookingId, accepted: input.decision === "accepted" });
  if (input.decision === "accepted") {
    const [booking] = await tx
      .select({ activityId: bookings.activityId, date: bookings.date, childId: bookings.childId })
      .from(bookings)
      .where(and(eq(bookings.tenantId, tenantId), eq(bookings.id, report.bookingId)));
    await tx
      .insert(attendance)
      .values({ tenantId, ...booking!, status: "excused", markedAt: now, markedBy: staffUserId })
      .onConflictDoUpdate({
        target: [attendance.tenantId, attendance.activityId, attendance.date, attendance.childId],
        set: { status: "excused", markedAt: now, markedBy: staffUserId },
      });
  }
  return { id: report.id, status: input.decision };
}
