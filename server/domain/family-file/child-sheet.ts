import PDFDocument from "pdfkit";
import { and, asc, eq } from "drizzle-orm";
import { authorizedPickups, children, guardians, households } from "@/db/schema";
import type { Scope } from "@/server/domain/scope";
import { notFound } from "@/server/errors";
import { ageOn, formatDate, todayIn } from "@/common/dates";
import { allergiesLine } from "@/common/family-file";
import { messages } from "@/common/messages";
import { logHealthViews } from "./file";
import { readHealth } from "./health";
import { assertChildHealthReadable } from "./health-views";

/** Helvetica's WinAnsi has the accents, not the typographic spaces and dashes. */
const pdfText = (s: string) => s.replace(/[\u202f\u00a0]/g, " ").replace(/[’]/g, "'").replace(/[—–]/g, "-");
const yes = (b: boolean) => (b ? "oui" : "non");

/** The facts printed on a « fiche enfant »: read for a staff member allowed to see this child, logged as a health view. */
async function sheetFacts(scope: Scope, childId: string) {
  const { householdId } = await assertChildHealthReadable(scope, childId);
  const { tx, tenant } = scope;
  const [child] = await tx.select().from(children).where(and(eq(children.tenantId, tenant.id), eq(children.id, childId)));
  if (!child) throw notFound();
  const [household] = await tx.select().from(households).where(and(eq(households.tenantId, tenant.id), eq(households.id, householdId)));
  const people = await tx.select().from(guardians).where(and(eq(guardians.tenantId, tenant.id), eq(guardians.householdId, householdId))).orderBy(asc(guardians.lastName));
  const pickups = await tx.select().from(authorizedPickups).where(and(eq(authorizedPickups.tenantId, tenant.id), eq(authorizedPickups.childId, childId))).orderBy(asc(authorizedPickups.name));
  await logHealthViews(scope, householdId, [childId], "child_sheet");
  return { child, household: household!, guardians: people, pickups, health: readHealth(tenant.id, child) };
}

/** The printable « fiche enfant »: contacts, health, authorisations and pickup persons (A4, Helvetica). */
export async function childSheetPdf(scope: Scope, input: { childId: string }): Promise<{ filename: string; bytes: Buffer }> {
  const f = await sheetFacts(scope, input.childId);
  const today = todayIn(scope.tenant.timeZone, scope.now);
  const name = `${f.child.firstName} ${f.child.lastName}`;
  const doc = new PDFDocument({ size: "A4", margin: 48, info: { Title: `Fiche enfant - ${name}`, Author: scope.tenant.name } });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const heading = (text: string) => doc.moveDown(0.8).font("Helvetica-Bold").fontSize(12).fillColor("#000").text(pdfText(text)).font("Helvetica").fontSize(10);
  const line = (label: string, value: string) => doc.font("Helvetica-Bold").text(`${pdfText(label)} : `, { continued: true }).font("Helvetica").text(pdfText(value || "-"));

  doc.font("Helvetica-Bold").fontSize(18).text(pdfText(`Fiche enfant - ${name}`));
  doc.font("Helvetica").fontSize(10).fillColor("#444").text(pdfText(`Commune de ${scope.tenant.name} · dossier ${f.household.reference} · imprimée le ${formatDate(today)}`));
  doc.fillColor("#000");
  heading("Enfant");
  line("Né(e) le", `${formatDate(f.child.birthDate)} (${ageOn(f.child.birthDate, today)} ans)`);
  line("École et classe", [f.child.school, f.child.classLevel].filter(Boolean).join(" · "));
  line("Régime", messages.familyFile.diets[f.child.diet]);
  heading("Responsables légaux");
  for (const g of f.guardians) line(`${g.firstName} ${g.lastName}`, [g.phone, g.email, g.employer ? `employeur : ${g.employer}` : ""].filter(Boolean).join(" · "));
  line("Adresse", `${f.household.addressLine}, ${f.household.postalCode} ${f.household.city}`);
  heading("Santé");
  line("Allergies", f.health.allergies.length ? allergiesLine(f.health.allergies) : "aucune connue");
  for (const a of f.health.allergies.filter((a) => a.note)) line(`  ${a.allergen}`, a.note);
  line("PAI", yes(f.child.hasPai));
  line("Besoin lié à un handicap", f.health.disabilityNeed ? `oui${f.health.disabilityNeeds ? ` : ${f.health.disabilityNeeds}` : ""}` : "non");
  line("Médecin traitant", [f.health.doctorName, f.health.doctorPhone].filter(Boolean).join(" · "));
  line("Vaccinations à jour", `${yes(f.health.vaccinationsUpToDate)}${f.health.vaccinationsDate ? ` (${formatDate(f.health.vaccinationsDate)})` : ""}`);
  heading("Autorisations");
  line("Droit à l'image", yes(f.child.imageRights));
  line("Sortie seul", f.child.leavesAlone ? `oui${f.child.leavesAloneFrom ? ` (${f.child.leavesAloneFrom})` : ""}` : "non");
  heading("Personnes autorisées à venir chercher l'enfant");
  if (!f.pickups.length) doc.text("Aucune en dehors des responsables légaux.");
  for (const p of f.pickups) line(p.name, [p.relationship, p.phone].filter(Boolean).join(" · "));
  line("Assurance", [f.household.insuranceCompany, f.household.insurancePolicy, f.household.insuranceExpiresOn ? `expire le ${formatDate(f.household.insuranceExpiresOn)}` : ""].filter(Boolean).join(" · "));
  doc.moveDown(1).fontSize(8).fillColor("#666").text("Document confidentiel : données de santé. Ne pas afficher ; détruire après usage.");
  doc.end();
  const slug = name.normalize("NFD").replace(/[^\w]+/g, "-").replace(/^-|-$/g, "").toLowerCase();
  return { filename: `fiche-enfant-${slug}.pdf`, bytes: await done };
}
