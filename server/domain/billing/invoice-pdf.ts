import { and, eq, isNotNull } from "drizzle-orm";
import PDFDocument from "pdfkit";
import { billedBookings, bookings, households } from "@/db/schema";
import { env } from "@/config/env";
import { civilDateIn, formatDate, formatInstant } from "@/common/dates";
import { formatMoney } from "@/common/money";
import { messages } from "@/common/messages";
import type { Scope } from "@/server/domain/scope";
import type { CommuneContact } from "@/server/domain/tenants/commune-settings";
import { activationCodeOf } from "@/server/domain/family/activation";
import { invoiceDetail, type InvoiceDetail } from "./invoices";
import { onlinePaymentsOpen } from "./payment-provider";
import { qfAt } from "./quotients";

/**
 * The invoice as a PDF (A4, standard Helvetica: no font file to ship). Helvetica's WinAnsi encoding
 * has the accents and "€" but not the narrow no-break spaces Intl puts in French amounts, so
 * amounts are written with ordinary spaces ("1 234,50 €"); pdftotext extracts them as typed.
 */
const pdfText = (s: string) => s.replace(/[\u202f\u00a0]/g, " ").replace(/[’]/g, "'").replace(/[—–]/g, "-");
const money = (cents: number) => pdfText(formatMoney(cents));

function compactDates(dates: string[]): string {
  // "02, 03, 05/11" style: day numbers, then the month; several months are each written out.
  const byMonth = new Map<string, string[]>();
  for (const d of dates) {
    const key = `${d.slice(5, 7)}/${d.slice(0, 4)}`;
    byMonth.set(key, [...(byMonth.get(key) ?? []), d.slice(8, 10)]);
  }
  return [...byMonth].map(([month, days]) => `${days.join(", ")}/${month.slice(0, 2)}`).join(" ; ");
}

/** The issuer's lines under its name: address, then phone · e-mail, then SIRET (empty parts left out). */
export function communeIdentityLines(c: Partial<CommuneContact>): string[] {
  const t = messages.billing.pdf;
  const town = [c.postalCode, c.city].filter(Boolean).join(" ");
  const reach = [c.phone ? `${t.phone} ${c.phone}` : "", c.email ? `${t.email} ${c.email}` : ""].filter(Boolean).join(" · ");
  return [c.addressLine ?? "", town, reach, c.siret ? `${t.siret} ${c.siret}` : ""].filter(Boolean);
}

export interface InvoicePdfOptions {
  activationCode?: string | null;
  /** The commune's logo (PNG or JPEG bytes), printed top left. */
  logo?: Buffer | null;
  /** Families may pay online (a provider is configured). */
  onlinePayments?: boolean;
  /** « QF 400 à moins de 700, résident »: how the family's days were priced. */
  tariffBasis?: string | null;
}

type PdfCommune = { name: string; slug: string; timeZone: string } & Partial<CommuneContact>;

/** A document whose bytes arrive once `end()` is called. */
function newDocument(title: string, author: string) {
  const doc = new PDFDocument({ size: "A4", margin: 48, info: { Title: title, Author: author } });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  return { doc, finished };
}

export async function renderInvoicePdf(invoice: InvoiceDetail, commune: PdfCommune, options: InvoicePdfOptions = {}): Promise<Buffer> {
  const { doc, finished } = newDocument(`${messages.billing.pdf.invoice} ${invoice.number}`, commune.name);
  drawInvoice(doc, invoice, commune, options);
  doc.end();
  return finished;
}

/** Several invoices in one PDF, each from a new page (paper invoices to post, in the given order). */
export async function renderInvoicesPdf(list: { invoice: InvoiceDetail; options: InvoicePdfOptions }[], commune: PdfCommune, title: string): Promise<Buffer> {
  const { doc, finished } = newDocument(title, commune.name);
  list.forEach(({ invoice, options }, i) => {
    if (i > 0) doc.addPage();
    drawInvoice(doc, invoice, commune, options);
  });
  doc.end();
  return finished;
}

/** One invoice from the top of the current page (and the pages its lines need). */
function drawInvoice(doc: PDFKit.PDFDocument, invoice: InvoiceDetail, commune: PdfCommune, options: InvoicePdfOptions) {
  const t = messages.billing.pdf;
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;

  // Header: the commune's logo, the commune and how to reach it, then the family's address block on the right.
  let headerTop = 48;
  if (options.logo) {
    try {
      doc.image(options.logo, left, 40, { fit: [120, 50] });
      headerTop = 96;
    } catch {
      // An unreadable image never stops an invoice: it is printed without the logo.
    }
  }
  doc.font("Helvetica-Bold").fontSize(16).text(pdfText(`Commune de ${commune.name}`), left, headerTop, { width: width / 2 + 40 });
  doc.font("Helvetica").fontSize(9).fillColor("#444");
  for (const line of communeIdentityLines(commune)) doc.text(pdfText(line), left, doc.y, { width: width / 2 + 40 });
  doc.text("Portail Familles - Récré", left, doc.y, { width: width / 2 + 40 });
  const top = Math.max(110, doc.y + 16);
  const h = invoice.household;
  doc.fillColor("#000").fontSize(10);
  doc.text(pdfText(h.name), left + width / 2 + 20, top, { width: width / 2 - 20 });
  if (h.addressLine) doc.text(pdfText(h.addressLine), { width: width / 2 - 20 });
  if (h.postalCode || h.city) doc.text(pdfText(`${h.postalCode} ${h.city}`.trim()), { width: width / 2 - 20 });

  doc.font("Helvetica-Bold").fontSize(18).text(`${t.invoice} ${t.number} ${invoice.number}`, left, top, { width: width / 2 });
  doc.font("Helvetica").fontSize(10);
  doc.text(`${t.familyReference} : ${pdfText(h.reference)}`, left, doc.y + 4, { width: width / 2 });
  doc.text(`${t.period} : ${pdfText(invoice.periodLabel)}`, { width: width / 2 });
  doc.text(`${t.issuedOn} ${pdfText(formatInstant(invoice.issuedAt, commune.timeZone).split(" à ")[0]!)}`, { width: width / 2 });
  doc.text(`${t.dueDate} ${pdfText(formatDate(invoice.dueDate))}`, { width: width / 2 });

  // Lines table.
  const cols = [
    { key: "label", title: t.label, x: left, w: 190 },
    { key: "dates", title: t.dates, x: left + 195, w: 140 },
    { key: "qty", title: t.quantity, x: left + 340, w: 35, align: "right" as const },
    { key: "unit", title: t.unitPrice, x: left + 380, w: 60, align: "right" as const },
    { key: "amount", title: t.amount, x: left + 445, w: width - 445, align: "right" as const },
  ];
  let y = Math.max(doc.y, top + 80) + 20;
  const header = () => {
    doc.font("Helvetica-Bold").fontSize(9);
    for (const c of cols) doc.text(c.title, c.x, y, { width: c.w, align: c.align ?? "left" });
    y += 14;
    doc.moveTo(left, y).lineTo(left + width, y).strokeColor("#999").stroke();
    y += 4;
    doc.font("Helvetica").fontSize(9);
  };
  header();
  let currentChild: string | null | undefined;
  for (const line of invoice.lines) {
    if (y > doc.page.height - 160) {
      doc.addPage();
      y = 48;
      header();
    }
    if (line.childName !== currentChild) {
      currentChild = line.childName;
      doc.font("Helvetica-Bold").text(pdfText(`${t.child} : ${line.childName ?? "-"}`), left, y, { width });
      y = doc.y + 2;
      doc.font("Helvetica");
    }
    const cells: Record<string, string> = {
      label: pdfText(line.label),
      dates: compactDates(line.dates),
      qty: String(line.quantity),
      unit: money(line.unitPriceCents),
      amount: money(line.amountCents),
    };
    let rowBottom = y;
    for (const c of cols) {
      doc.text(cells[c.key]!, c.x, y, { width: c.w, align: c.align ?? "left" });
      rowBottom = Math.max(rowBottom, doc.y);
    }
    y = rowBottom + 4;
  }
  doc.moveTo(left, y).lineTo(left + width, y).strokeColor("#999").stroke();
  y += 10;

  // Totals.
  const totals: [string, number, boolean][] = [
    // A credit brought forward is said as one, deducted: « − 3,60 € », as on the invoice page.
    [invoice.previousBalanceCents < 0 ? t.previousCredit : t.previousBalance, invoice.previousBalanceCents, false],
    [t.total, invoice.totalCents, false],
    [t.totalToPay, invoice.toPayCents, true],
  ];
  for (const [label, cents, bold] of totals) {
    doc.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(bold ? 12 : 10);
    doc.text(label, left + 220, y, { width: 200, align: "right" });
    doc.text(cents < 0 ? `- ${money(-cents)}` : money(cents), left + 425, y, { width: width - 425, align: "right" });
    y = doc.y + 6;
  }
  for (const note of invoice.creditNotes) {
    doc.font("Helvetica").fontSize(9).text(pdfText(`Avoir ${note.number} : -${money(note.amountCents)} (${note.reason})`), left, y, { width });
    y = doc.y + 2;
  }
  y = paymentWays(doc, { left, width, y: y + 8 }, commune, invoice.household.reference, options);

  // Footer: where to pay, and how a guardian without an account links it to this family file.
  const portal = `${env().appUrl}/${commune.slug}`;
  const activation = options.activationCode
    ? t.activationCode(`${env().appUrl}/compte`, commune.name, h.reference, options.activationCode)
    : t.activationCodeAtCounter;
  doc.font("Helvetica").fontSize(8.5).fillColor("#333");
  doc.text(pdfText(t.portal(portal)), left, doc.page.height - 90, { width, align: "center" });
  doc.text(pdfText(activation), left, doc.y + 2, { width, align: "center" });
}

/** How to pay (online, counter, cheque to the régie, direct debit) and the tariff basis, under the totals. */
function paymentWays(
  doc: PDFKit.PDFDocument,
  at: { left: number; width: number; y: number },
  commune: { name: string; slug: string; chequePayee?: string },
  reference: string,
  options: InvoicePdfOptions,
): number {
  const p = messages.everyday.pdf;
  if (at.y > doc.page.height - 200) {
    doc.addPage();
    at.y = 48;
  }
  const ways = [
    options.onlinePayments ? p.online(`${env().appUrl}/${commune.slug}/factures`) : null,
    p.counter,
    p.cheque(commune.chequePayee || `Commune de ${commune.name}`, reference),
    p.debit,
  ].filter((w): w is string => w !== null);
  doc.font("Helvetica-Bold").fontSize(10).fillColor("#000").text(p.howToPay, at.left, at.y, { width: at.width });
  doc.font("Helvetica").fontSize(9);
  for (const way of ways) doc.text(pdfText(`- ${way}`), at.left, doc.y + 1, { width: at.width });
  if (options.tariffBasis) doc.text(pdfText(p.tariffBasis(options.tariffBasis)), at.left, doc.y + 6, { width: at.width });
  return doc.y + 4;
}

/** One invoice as a PDF file, for whoever may read it (anyone else gets NOT_FOUND). */
export async function invoicePdfFile(scope: Scope, input: { invoiceId: string; logo?: Buffer | null }): Promise<{ filename: string; type: string; bytes: Uint8Array }> {
  const detail = await invoiceDetail(scope, input);
  const pdf = await renderInvoicePdf(detail, scope.tenant, await pdfOptions(scope, detail, input.logo ?? null));
  return { filename: messages.billing.pdf.filename(detail.number), type: "application/pdf", bytes: new Uint8Array(pdf) };
}

/** What an invoice's PDF prints besides the invoice itself: activation code, logo, payment ways, tariff basis. */
export async function pdfOptions(scope: Scope, detail: InvoiceDetail, logo: Buffer | null): Promise<InvoicePdfOptions> {
  const activation = await activationCodeOf(scope.tx, scope.tenant.id, detail.householdId);
  return { activationCode: activation.code, logo, onlinePayments: onlinePaymentsOpen(scope.tenant), tariffBasis: await tariffBasis(scope, detail) };
}

/** The pricing labels of the days the invoice bills (as snapshotted on each booking), else the household's QF and residency. */
async function tariffBasis(scope: Scope, detail: InvoiceDetail): Promise<string> {
  const { tx, tenant } = scope;
  const labels = await tx
    .selectDistinct({ label: bookings.pricingLabel })
    .from(billedBookings)
    .innerJoin(bookings, and(eq(bookings.tenantId, billedBookings.tenantId), eq(bookings.id, billedBookings.bookingId)))
    .where(and(eq(billedBookings.tenantId, tenant.id), eq(billedBookings.invoiceId, detail.id), isNotNull(bookings.pricingLabel)));
  const known = labels.map((l) => l.label!).filter(Boolean);
  if (known.length) return [...new Set(known)].sort().join(" ; ");
  const [household] = await tx.select({ isResident: households.isResident }).from(households).where(and(eq(households.tenantId, tenant.id), eq(households.id, detail.householdId)));
  const qf = await qfAt(tx, tenant.id, detail.householdId, civilDateIn(detail.issuedAt, tenant.timeZone));
  return messages.everyday.pdf.qf(qf, household?.isResident ?? true);
}
