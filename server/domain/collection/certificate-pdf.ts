import PDFDocument from "pdfkit";
import { formatDate, formatInstantDay } from "@/common/dates";
import { formatMoney } from "@/common/money";
import { messages } from "@/common/messages";
import type { Scope } from "@/server/domain/scope";
import { communeIdentityLines } from "@/server/domain/billing/invoice-pdf";
import { certificateForPdf } from "./tax-certificates";

/** Helvetica's WinAnsi has no narrow no-break space: amounts are printed with plain spaces (pdftotext reads them as typed). */
const pdfText = (s: string) => s.replace(/[\u202f\u00a0]/g, " ").replace(/[’]/g, "'").replace(/[—–]/g, "-");
const money = (cents: number) => pdfText(formatMoney(cents));

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  return new Promise((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
}

/** The certificate as an A4 PDF: the commune and its SIRET, the family, one line per child, the total, the legal mention. */
export async function certificatePdfFile(scope: Scope, input: { certificateId: string }) {
  const { certificate: c, household: h, replacedNumber } = await certificateForPdf(scope, input);
  const t = messages.collection.certificatePdf;
  const doc = new PDFDocument({ size: "A4", margin: 56, info: { Title: `${t.title(c.year)} ${c.number}`, Author: scope.tenant.name } });
  const done = collect(doc);
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;

  doc.font("Helvetica-Bold").fontSize(15).text(pdfText(`Commune de ${scope.tenant.name}`), left, 56, { width: width / 2 + 40 });
  doc.font("Helvetica").fontSize(9).fillColor("#444");
  for (const line of communeIdentityLines(scope.tenant)) doc.text(pdfText(line), { width: width / 2 + 40 });
  const top = Math.max(120, doc.y + 16);
  doc.fillColor("#000").fontSize(10).text(pdfText(h.name), left + width / 2 + 20, top, { width: width / 2 - 20 });
  if (h.addressLine) doc.text(pdfText(h.addressLine), { width: width / 2 - 20 });
  if (h.postalCode || h.city) doc.text(pdfText(`${h.postalCode} ${h.city}`.trim()), { width: width / 2 - 20 });

  doc.font("Helvetica-Bold").fontSize(17).text(pdfText(t.title(c.year)), left, top + 70, { width });
  doc.font("Helvetica").fontSize(10).text(`${t.number} ${c.number} - ${pdfText(`Famille ${h.reference}`)}`, { width });
  doc.moveDown();
  doc.text(pdfText(t.intro(scope.tenant.name, h.name, c.year)), { width });
  doc.moveDown();

  const cols = [
    { title: t.child, x: left, w: 220 },
    { title: t.birthDate, x: left + 230, w: 110 },
    { title: t.amount, x: left + 350, w: width - 350, align: "right" as const },
  ];
  let y = doc.y + 4;
  doc.font("Helvetica-Bold").fontSize(10);
  for (const col of cols) doc.text(col.title, col.x, y, { width: col.w, align: col.align ?? "left" });
  y += 16;
  doc.moveTo(left, y).lineTo(left + width, y).strokeColor("#999").stroke();
  y += 6;
  doc.font("Helvetica");
  for (const child of c.children) {
    const cells = [pdfText(`${child.firstName} ${child.lastName}`), formatDate(child.birthDate), money(child.amountCents)];
    cols.forEach((col, k) => doc.text(cells[k]!, col.x, y, { width: col.w, align: col.align ?? "left" }));
    y = doc.y + 6;
  }
  doc.moveTo(left, y).lineTo(left + width, y).strokeColor("#999").stroke();
  y += 8;
  doc.font("Helvetica-Bold").text(t.total, cols[1]!.x, y, { width: cols[1]!.w });
  doc.text(money(c.totalCents), cols[2]!.x, y, { width: cols[2]!.w, align: "right" });

  doc.font("Helvetica").fontSize(9).fillColor("#333").text(pdfText(t.legal), left, doc.y + 24, { width });
  if (replacedNumber) doc.moveDown().text(pdfText(t.replaces(replacedNumber)), { width });
  doc.fillColor("#000").fontSize(10).moveDown(2).text(pdfText(t.issuedOn(formatInstantDay(c.issuedAt, scope.tenant.timeZone))), { width });
  doc.moveDown().text(t.signature, { width, align: "right" });
  doc.end();
  return { filename: t.filename(c.year, c.number), type: "application/pdf", bytes: new Uint8Array(await done) };
}
