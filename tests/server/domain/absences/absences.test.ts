import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { absenceReports, attendance, bookings } from "@/db/schema";
import { withPlatform, withTenant } from "@/db/transaction";
import { dailyList } from "@/server/domain/attendance/daily-list";
import { messages } from "@/common/messages";
import {
  CERTIFICATE_MAX_BYTES,
  familyAbsences,
  listAbsenceReports,
  reportAbsence,
  reviewAbsence,
  type ReportInput,
} from "@/server/domain/absences/absences";
import type { Actor } from "@/server/domain/scope";
import { loadDemo, userId } from "../../../fixtures/demo";
import { storedBytes, storedFileRows } from "../../../fixtures/files";
import { book, demoIds, scopeOf, staffAs, familyOf } from "../../../fixtures/demo-ids";

let d: Awaited<ReturnType<typeof demoIds>>;
let adminId: string;
const THURSDAY = "2026-12-03"; // cancellable until Friday 27 November, 23:59
const AFTER_DEADLINE = new Date("2026-12-01T10:00:00Z");
const bookingOf: Record<string, string> = {};

const pdf = Buffer.from("%PDF-1.4\n% certificat médical\n").toString("base64");
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]).toString("base64");

beforeAll(async () => {
  await loadDemo();
  d = await demoIds();
  adminId = await userId("admin@jolieville.test");
  const cantine = (child: string, date: string, action: "book" | "cancel" = "book") => ({ childId: d.ids[child]!, activityId: d.ids.Cantine!, date, action });
  await book(d.jolieville, d.parent, [cantine("Sarah", THURSDAY), cantine("Chloé", THURSDAY), cantine("Sarah", "2026-12-07"), cantine("Sarah", "2026-12-07", "cancel")]);
  await book(d.jolieville, d.parent, [{ childId: d.ids.Sarah!, activityId: d.ids["Mercredi loisirs"]!, date: "2026-12-09", action: "book" }]);
  await book(d.jolieville, d.voisin, [cantine("Tom", THURSDAY)]);
  const rows = await withPlatform((tx) => tx.select().from(bookings).where(eq(bookings.tenantId, d.jolieville.id)));
  for (const r of rows) if (r.status !== "cancelled") bookingOf[`${r.childId}|${r.activityId}|${r.date}`] = r.id;
});

const key = (child: string, activity: string, date: string) => bookingOf[`${d.ids[child]}|${d.ids[activity]}|${date}`]!;
const report = (actor: Actor, input: ReportInput, now = AFTER_DEADLINE) => reportAbsence({ tenant: d.jolieville, actor, now }, input);

describe("reporting an absence", () => {
  it("is refused while the day can still be cancelled", async () => {
    await expect(report(d.parent, { bookingId: key("Sarah", "Cantine", THURSDAY), reason: "illness" }, new Date("2026-11-26T10:00:00Z"))).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: messages.absences.stillCancellable,
    });
  });

  it("is accepted after the deadline, with a certificate, once per booking", async () => {
    const created = await report(d.parent, {
      bookingId: key("Sarah", "Cantine", THURSDAY),
      reason: "illness",
      comment: "  Gastro-entérite  ",
      certificate: { name: "certificat.pdf", type: "application/pdf", base64: pdf },
    });
    expect(created.status).toBe("pending");
    const [row] = await withPlatform((tx) => tx.select().from(absenceReports).where(eq(absenceReports.id, created.id)));
    expect(row).toMatchObject({ reason: "illness", comment: "Gastro-entérite", certificateName: "certificat.pdf", certificateType: "application/pdf", reportedBy: d.parent.userId });
    // In storage, not in the row.
    expect((await storedBytes(row!.certificateFileId))!.toString("base64")).toBe(pdf);
    await expect(report(d.parent, { bookingId: key("Sarah", "Cantine", THURSDAY), reason: "other" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: messages.absences.alreadyReported,
    });
  });

  it("finds the booking from the child, activity and day", async () => {
    const created = await report(d.parent, { childId: d.ids.Chloé!, activityId: d.ids.Cantine!, date: THURSDAY, reason: "family" });
    expect(created.status).toBe("pending");
  });

  it("is only for the parent's own child", async () => {
    await expect(report(d.voisin, { bookingId: key("Sarah", "Cantine", THURSDAY), reason: "illness" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(report(d.voisin, { childId: d.ids.Sarah!, activityId: d.ids.Cantine!, date: THURSDAY, reason: "illness" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(report(d.parentValFleuri, { bookingId: key("Tom", "Cantine", THURSDAY), reason: "illness" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("is only for a confirmed booking of at most 30 days ago", async () => {
    await expect(report(d.parent, { childId: d.ids.Sarah!, activityId: d.ids.Cantine!, date: "2026-12-07", reason: "illness" }, new Date("2026-12-10T10:00:00Z"))).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: messages.absences.notConfirmed,
    });
    await expect(report(d.voisin, { bookingId: key("Tom", "Cantine", THURSDAY), reason: "illness" }, new Date("2027-01-05T10:00:00Z"))).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: messages.absences.tooOld,
    });
  });

  it("checks the certificate's type, size and content, naming the field in French", async () => {
    const wednesday = { bookingId: key("Sarah", "Mercredi loisirs", "2026-12-09"), reason: "illness" as const };
    const at = new Date("2026-12-08T10:00:00Z"); // past the eve-at-10:00 deadline
    const cases: [ReportInput["certificate"], string][] = [
      [{ name: "note.txt", type: "text/plain", base64: Buffer.from("bonjour").toString("base64") }, messages.absences.certificate.type],
      [{ name: "gros.pdf", type: "application/pdf", base64: Buffer.concat([Buffer.from("%PDF"), Buffer.alloc(CERTIFICATE_MAX_BYTES)]).toString("base64") }, messages.absences.certificate.size],
      [{ name: "faux.pdf", type: "application/pdf", base64: png }, messages.absences.certificate.mismatch],
      [{ name: "vide.png", type: "image/png", base64: "pas du base64 !" }, messages.absences.certificate.empty],
      [{ name: "   ", type: "image/png", base64: png }, messages.absences.certificate.name],
    ];
    const filesBefore = (await storedFileRows()).length;
    for (const [certificate, message] of cases) {
      await expect(report(d.parent, { ...wednesday, certificate }, at)).rejects.toMatchObject({ code: "BAD_REQUEST", message, field: "certificate" });
      expect(message.startsWith("Certificat médical :")).toBe(true);
    }
    // An HTML/PDF polyglot under a hostile name is refused too.
    const polyglot = Buffer.from("%PDF-1.4\n<html><body><img src=x onerror=alert(1)></body></html>").toString("base64");
    await expect(report(d.parent, { ...wednesday, certificate: { name: "<img src=x onerror=alert(1)>.html", type: "application/pdf", base64: polyglot } }, at)).rejects.toMatchObject({
      message: messages.absences.certificate.mismatch,
    });
    // A report refused after its certificate was stored leaves neither a row nor bytes behind.
    await expect(report(d.voisin, { ...wednesday, certificate: { name: "c.pdf", type: "application/pdf", base64: pdf } }, at)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await storedFileRows()).length).toBe(filesBefore);
    const exactly2Mb = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(CERTIFICATE_MAX_BYTES - 3)]).toString("base64");
    const created = await report(d.parent, { ...wednesday, certificate: { name: "<script>photo</script>.exe.jpg", type: "image/jpeg", base64: `data:image/jpeg;base64,${exactly2Mb}` } }, at);
    expect(created.status).toBe("pending");
    // The name keeps letters only, and the extension comes from the content.
    const [row] = await withPlatform((tx) => tx.select().from(absenceReports).where(eq(absenceReports.id, created.id)));
    expect(row!.certificateName).toBe("script photo script exe.jpg");
  });
});

describe("the family's absence page", () => {
  it("lists the days past their cancellation deadline with their report, and only the family's own", async () => {
    const mine = await withTenant(d.jolieville.id, (tx) => familyAbsences(scopeOf(tx, d.jolieville, familyOf(d.parent.householdIds), AFTER_DEADLINE)));
    // Wednesday 9 December can still be cancelled on 1 December: not listed.
    expect(mine.days.map((x) => [x.childFirstName, x.activityName, x.date, x.report?.status ?? null])).toEqual([
      ["Chloé", "Cantine", THURSDAY, "pending"],
      ["Sarah", "Cantine", THURSDAY, "pending"],
    ]);
    expect(mine.reports.map((r) => r.childFirstName).sort()).toEqual(["Chloé", "Sarah", "Sarah"]);
    expect(JSON.stringify(mine)).not.toContain(pdf);
    const theirs = await withTenant(d.jolieville.id, (tx) => familyAbsences(scopeOf(tx, d.jolieville, familyOf(d.voisin.householdIds), AFTER_DEADLINE)));
    expect(theirs.days.map((x) => x.childFirstName)).toEqual(["Tom"]);
    expect(theirs.reports).toEqual([]);
  });
});

describe("staff review", () => {
  it("lists pending reports, opens the certificate, and accepting records an excused absence", async () => {
    const pending = await withTenant(d.jolieville.id, (tx) => listAbsenceReports(scopeOf(tx, d.jolieville), { status: "pending" }));
    expect(pending.map((r) => [r.childFirstName, r.activityName, r.date, r.hasCertificate])).toEqual([
      ["Chloé", "Cantine", THURSDAY, false],
      ["Sarah", "Cantine", THURSDAY, true],
      ["Sarah", "Mercredi loisirs", "2026-12-09", true],
    ]);
    const sarah = pending[1]!;
    const chloe = pending[0]!;
    expect(sarah.certificateName).toBe("certificat.pdf");
    expect((await storedBytes(sarah.certificateFileId))!.toString("base64")).toBe(pdf);
    expect(chloe.certificateFileId).toBeNull();

    await withTenant(d.jolieville.id, (tx) => reviewAbsence(scopeOf(tx, d.jolieville, staffAs(adminId)), { reportId: sarah.id, decision: "accepted" }));
    await withTenant(d.jolieville.id, (tx) => reviewAbsence(scopeOf(tx, d.jolieville, staffAs(adminId)), { reportId: chloe.id, decision: "rejected" }));
    const marks = await withPlatform((tx) => tx.select().from(attendance).where(and(eq(attendance.tenantId, d.jolieville.id), eq(attendance.date, THURSDAY))));
    expect(marks.map((m) => [m.childId, m.status, m.markedBy])).toEqual([[d.ids.Sarah, "excused", adminId]]);
    await expect(withTenant(d.jolieville.id, (tx) => reviewAbsence(scopeOf(tx, d.jolieville, staffAs(adminId)), { reportId: sarah.id, decision: "rejected" }))).rejects.toMatchObject({
      code: "CONFLICT",
      message: messages.absences.alreadyReviewed,
    });

    const list = await withTenant(d.jolieville.id, (tx) => dailyList(scopeOf(tx, d.jolieville), { siteId: d.ids["Restaurant scolaire Jules Ferry"]!, date: THURSDAY }));
    const expected = list.activities[0]!.expected;
    expect(expected.find((c) => c.firstName === "Sarah")).toMatchObject({ status: "excused", absenceReport: "accepted" });
    expect(expected.find((c) => c.firstName === "Chloé")).toMatchObject({ status: null, absenceReport: "rejected" });
  });

  it("never reviews another commune's report", async () => {
    const [any] = await withTenant(d.jolieville.id, (tx) => listAbsenceReports(scopeOf(tx, d.jolieville), { status: "pending" }));
    await expect(withTenant(d.valFleuri.id, (tx) => reviewAbsence(scopeOf(tx, d.valFleuri, staffAs(adminId)), { reportId: any!.id, decision: "accepted" }))).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
