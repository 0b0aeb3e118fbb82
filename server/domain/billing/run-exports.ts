import { and, asc, eq, sql } from "drizzle-orm";
import { guardians, households, invoiceRuns, invoices, users } from "@/db/schema";
import { recordAudit } from "@/server/domain/audit/audit";
import type { Scope } from "@/server/domain/scope";
import { notFound } from "@/server/errors";
import { formatMoney } from "@/common/money";
import { formatMonth } from "@/common/dates";
import { invoiceDetail } from "./invoices";
import { pdfOptions, renderInvoicesPdf } from "./invoice-pdf";

/** One invoice of a run as its page lists it. */
export interface RunInvoice {
  id: string;
  householdId: string;
  number: string;
  reference: string;
  name: string;
  totalCents: number;
  /** Sent on paper: the family chose it, or nobody in it has an e-mail address. */
  paper: boolean;
}

async function runOf(scope: Scope, runId: string) {
  const [run] = await scope.tx
    .select()
    .from(invoiceRuns)
    .where(and(eq(invoiceRuns.tenantId, scope.tenant.id), eq(invoiceRuns.id, runId)));
  if (!run) throw notFound();
  return run;
}

/** A past run: its invoices in reference order, each saying whether it goes by post. */
export async function runDetail(scope: Scope, input: { runId: string }) {
  const { tx, tenant } = scope;
  const run = await runOf(scope, input.runId);
  // Someone in the family can be e-mailed: a guardian's own address or the account linked to them.
  const reachable = sql<boolean>`exists (select 1 from ${guardians} g left join ${users} u on u.id = g.user_id
    where g.tenant_id = ${households.tenantId} and g.household_id = ${households.id} and coalesce(nullif(g.email, ''), u.email) is not null)`;
  const rows = await tx
    .select({
      id: invoices.id,
      householdId: invoices.householdId,
      number: invoices.number,
      reference: households.reference,
      name: households.name,
      totalCents: invoices.totalCents,
      delivery: households.invoiceDelivery,
      reachable,
    })
    .from(invoices)
    .innerJoin(households, and(eq(households.tenantId, invoices.tenantId), eq(households.id, invoices.householdId)))
    .where(and(eq(invoices.tenantId, tenant.id), eq(invoices.runId, run.id)))
    .orderBy(asc(households.reference), asc(invoices.number));
  const list: RunInvoice[] = rows.map(({ delivery, reachable: r, ...i }) => ({ ...i, paper: delivery === "paper" || !r }));
  return { run, invoices: list };
}

/** CSV cell: formulas neutralised, separators quoted (as the meal counts). */
function cell(value: string | number): string {
  if (typeof value === "number") return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The run's invoices as a CSV Excel opens in France (semicolons, BOM, CRLF); recorded in the audit log. */
export async function runCsv(scope: Scope, input: { runId: string }) {
  const { run, invoices: list } = await runDetail(scope, input);
  const lines = [
    ["Numéro", "Référence famille", "Famille", "Montant", "Envoi"].map(cell),
    ...list.map((i) => [i.number, i.reference, i.name, formatMoney(i.totalCents).replace(/[\u202f\u00a0]/g, " "), i.paper ? "papier" : "e-mail"].map(cell)),
  ];
  await recordAudit(scope, { action: "billing.run_exported", detail: { runId: run.id, invoices: list.length } });
  return { filename: `factures-${run.period}-${run.mode === "advance" ? "avance" : "terme-echu"}.csv`, content: `\uFEFF${lines.map((l) => l.join(";")).join("\r\n")}\r\n` };
}

/**
 * The paper invoices of a run in one PDF to print and post, in reference order (families who chose
 * paper, or whom nobody can e-mail); recorded in the audit log. Nothing on paper: a refusal.
 */
export async function paperInvoicesPdf(scope: Scope, input: { runId: string; logo?: Buffer | null }) {
  const { run, invoices: list } = await runDetail(scope, input);
  const paper = list.filter((i) => i.paper);
  const docs = [];
  for (const i of paper) {
    const invoice = await invoiceDetail(scope, { invoiceId: i.id });
    docs.push({ invoice, options: await pdfOptions(scope, invoice, input.logo ?? null) });
  }
  const title = `Factures papier — ${formatMonth(run.period)}`;
  const bytes = await renderInvoicesPdf(docs, scope.tenant, title);
  await recordAudit(scope, { action: "billing.paper_invoices_printed", detail: { runId: run.id, invoices: paper.length } });
  return { filename: `factures-papier-${run.period}.pdf`, type: "application/pdf", bytes: new Uint8Array(bytes), count: paper.length };
}

