import PDFDocument from "pdfkit";
import { and, asc, eq, gte, inArray, lte, sql } from "drizzle-orm";
import { activities, attendance, children } from "@/db/schema";
import type { Scope } from "@/server/domain/scope";
import { communeIdentityLines } from "@/server/domain/billing/invoice-pdf";
import { AppError, notFound } from "@/server/errors";
import { formatDate, todayIn } from "@/common/dates";
import { messages } from "@/common/messages";
import { requestFor } from "./access";

const m = messages.demandes.certificate;

/** Helvetica's WinAnsi has the accents but not the typographic spaces and dashes Intl and people type. */
const pdfText = (s: string) => s.replace(/[\u202f\u00a0]/g, " ").replace(/[’]/g, "'").replace(/[—–]/g, "-");

export interface CertificateLine {
  activityName: string;
  unit: string;
  days: number;
}

/** Days the child was pointed present (booked or not) per activity over the period. */
export async function attendanceSummary(scope: Scope, input: { childId: string; from: string; to: string }): Promise<CertificateLine[]> {
  const rows = await scope.tx
    .select({ activityName: activities.name, unit: activities.unit, days: sql<number>`count(*)::int` })
    .from(attendance)
    .innerJoin(activities, and(eq(activities.tenantId, attendance.tenantId), eq(activities.id, attendance.activityId)))
    .where(
      and(
        eq(attendance.tenantId, scope.tenant.id),
        eq(attendance.childId, input.childId),
        gte(attendance.date, input.from),
        lte(attendance.date, input.to),
        inArray(attendance.status, ["present", "unbooked_present"]),
      ),
    )
    .groupBy(activities.name, activities.unit)
    .orderBy(asc(activities.name));
  return rows.map((r) => ({ ...r, days: Number(r.days) }));
}

/** The attestation of an accepted request, for its family or the staff who handle it (else NOT_FOUND). */
export async function requestCertificateFile(scope: Scope, input: { requestId: string }): Promise<{ filename: string; bytes: Buffer }> {
  const request = await requestFor(scope, input.requestId);
  if (!request.certificate || request.status !== "accepted") throw notFound();
  const { childId, from, to, issuedAt } = request.certificate;
  const [child] = await scope.tx
    .select({ firstName: children.firstName, lastName: children.lastName, birthDate: children.birthDate })
    .from(children)
    .where(and(eq(children.tenantId, scope.tenant.id), eq(children.id, childId)));
  if (!child) throw new AppError("NOT_FOUND");
  const lines = await attendanceSummary(scope, { childId, from, to });
  const bytes = await renderCertificate({
    commune: scope.tenant,
    childName: `${child.firstName} ${child.lastName}`,
    birthDate: child.birthDate,
    from,
    to,
    issuedOn: todayIn(scope.tenant.timeZone, new Date(issuedAt)),
    lines,
  });
  const slug = `${child.firstName}-${child.lastName}`.normalize("NFD").replace(/[^\w-]/g, "");
  return { filename: m.fileName(slug, from, to), bytes };
}

export async function renderCertificate(input: {
  commune: { name: string; city: string; addressLine: string; postalCode: string; phone: string; email: string; siret: string };
  childName: string;
  birthDate: string;
  from: string;
  to: string;
  issuedOn: string;
  lines: CertificateLine[];
}): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A4", margin: 56, info: { Title: m.title, Author: input.commune.name } });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  doc.font("Helvetica-Bold").fontSize(14).text(pdfText(`Commune de ${input.commune.name}`));
  doc.font("Helvetica").fontSize(9).fillColor("#444");
  for (const line of communeIdentityLines(input.commune)) doc.text(pdfText(line));
  doc.moveDown(3).fillColor("#000").font("Helvetica-Bold").fontSize(18).text(m.title, { align: "center" });
  doc.moveDown(2).font("Helvetica").fontSize(11);
  doc.text(pdfText(m.body(input.commune.name, input.childName, formatDate(input.birthDate), formatDate(input.from), formatDate(input.to))));
  doc.moveDown();
  if (!input.lines.length) doc.text(m.none);
  for (const line of input.lines) doc.text(pdfText(`• ${line.activityName} : ${line.days} ${line.days > 1 ? "jours" : "jour"}`), { indent: 16 });
  doc.moveDown();
  doc.font("Helvetica-Bold").text(m.total(input.lines.reduce((sum, l) => sum + l.days, 0)));
  doc.moveDown(2).font("Helvetica").text(pdfText(m.issued(input.commune.city || input.commune.name, formatDate(input.issuedOn))), { align: "right" });
  doc.moveDown(4).fontSize(8).fillColor("#666").text(m.footer);
  doc.end();
  return finished;
}
