import PDFDocument from "pdfkit";
import { assertSiteAllowed } from "@/server/domain/team/team";
import type { Scope } from "@/server/domain/scope";
import { formatDayLong, type CivilDate } from "@/common/dates";
import { dailyList, type ListedChild } from "./daily-list";

const pdfText = (s: string) => s.replace(/[\u202f\u00a0]/g, " ").replace(/[’]/g, "'").replace(/[—–]/g, "-");
const diets: Record<ListedChild["diet"], string> = { standard: "", sans_porc: "sans porc", sans_viande: "sans viande", vegetarien: "végétarien", sans_gluten: "sans gluten" };

/**
 * A site's day on paper, for days without a phone: per activity, the children expected (name, class,
 * diet, allergies and PAI, who may pick them up) with boxes to tick present or absent, and a line
 * for children who come without a booking. A site agent prints only the sites they look after.
 */
export async function attendanceSheetPdf(scope: Scope, input: { siteId: string; date: CivilDate }) {
  await assertSiteAllowed(scope, input.siteId);
  const list = await dailyList(scope, input);
  const doc = new PDFDocument({ size: "A4", margin: 40, info: { Title: `Feuille de présence ${input.date}`, Author: scope.tenant.name } });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const day = formatDayLong(input.date);
  doc.font("Helvetica-Bold").fontSize(15).text(pdfText(`Feuille de présence - ${list.site.name}`), left, 40, { width });
  doc.font("Helvetica").fontSize(10).text(pdfText(`${day.charAt(0).toUpperCase()}${day.slice(1)} ${input.date.slice(0, 4)} · ${scope.tenant.name}`), { width });
  const running = list.activities.filter((a) => a.runs);
  if (!running.length) doc.moveDown().text("Aucune activité ne fonctionne ce jour-là sur ce site.", { width });
  for (const activity of running) {
    if (doc.y > doc.page.height - 160) doc.addPage();
    doc.moveDown(0.8).font("Helvetica-Bold").fontSize(12).text(pdfText(`${activity.name} - ${expectedCount(activity.expected.length)}`), left, doc.y, { width });
    doc.font("Helvetica").fontSize(8).fillColor("#444").text("P = présent · A = absent · cochez une case par enfant", { width });
    doc.fillColor("#000");
    for (const child of activity.expected) row(doc, child, { left, width });
    doc.moveDown(0.5).font("Helvetica").fontSize(9).text("Présents sans réservation : ______________________________________________", left, doc.y, { width });
  }
  doc.moveDown(1).fontSize(9).text("Signature de l'agent : ____________________", left, doc.y, { width });
  doc.end();
  return { filename: `presence-${input.date}.pdf`, type: "application/pdf", bytes: new Uint8Array(await finished) };
}

function row(doc: PDFKit.PDFDocument, child: ListedChild, at: { left: number; width: number }) {
  if (doc.y > doc.page.height - 80) doc.addPage();
  const y = doc.y + 4;
  doc.rect(at.left, y, 10, 10).stroke();
  doc.rect(at.left + 16, y, 10, 10).stroke();
  doc.font("Helvetica").fontSize(7).text("P", at.left + 2.5, y + 2).text("A", at.left + 18.5, y + 2);
  const notes = [
    child.classLevel ?? "",
    diets[child.diet],
    child.hasPai ? "PAI" : "",
    child.allergies ? `allergies : ${child.allergies}` : "",
    child.pickups.length ? `récupéré par : ${child.pickups.map((p) => `${p.name} (${p.relationship}${p.phone ? `, ${p.phone}` : ""})`).join(", ")}` : "",
  ].filter(Boolean);
  doc.font("Helvetica-Bold").fontSize(10).text(pdfText(`${child.lastName.toUpperCase()} ${child.firstName}`), at.left + 34, y, { width: at.width - 34 });
  if (notes.length) doc.font("Helvetica").fontSize(8).text(pdfText(notes.join(" · ")), at.left + 34, doc.y, { width: at.width - 34 });
  doc.moveTo(at.left, doc.y + 3).lineTo(at.left + at.width, doc.y + 3).strokeColor("#ccc").stroke().strokeColor("#000");
  doc.y += 4;
}

/** « 1 enfant attendu », « 3 enfants attendus ». */
const expectedCount = (n: number) => (n > 1 ? `${n} enfants attendus` : `${n} enfant attendu`);
