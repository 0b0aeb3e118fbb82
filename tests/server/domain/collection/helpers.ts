import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, eq } from "drizzle-orm";
import { emailOutbox, invoiceLines, invoices } from "@/db/schema";
import { withPlatform, withTenant } from "@/db/transaction";
import { nextDocumentNumber } from "@/server/domain/billing/numbering";

export const SEPA_SETTINGS = {
  creditorId: "FR72ZZZ123456",
  creditorIban: "FR14 2004 1010 0505 0001 3M02 606",
  creditorBic: "TRPUFRP1",
  debitDay: 10,
  rejectFeeCents: 0,
  reminderDays: [] as number[],
};

/** An invoice written straight into the commune's books (number from the counter), with its lines. */
export async function addInvoice(
  tenantId: string,
  a: { householdId: string; issuedAt: Date; dueDate: string; lines: { childId: string | null; kind: "service" | "meal"; amountCents: number }[] },
) {
  return withTenant(tenantId, async (tx) => {
    const number = await nextDocumentNumber(tx, tenantId, "invoice", a.issuedAt.getUTCFullYear());
    const totalCents = a.lines.reduce((s, l) => s + l.amountCents, 0);
    const [row] = await tx
      .insert(invoices)
      .values({ tenantId, householdId: a.householdId, number, kind: "monthly", periodLabel: "Période de test", issuedAt: a.issuedAt, dueDate: a.dueDate, totalCents })
      .returning({ id: invoices.id, number: invoices.number });
    await tx.insert(invoiceLines).values(
      a.lines.map((l, position) => ({ tenantId, invoiceId: row!.id, childId: l.childId, kind: l.kind, label: l.kind === "meal" ? "Repas" : "Garde", quantity: 1, unitPriceCents: l.amountCents, amountCents: l.amountCents, position })),
    );
    return row!;
  });
}

/** The e-mails queued for an address with this template, oldest first. */
export async function mailsTo(to: string, template: string) {
  return withPlatform((tx) => tx.select().from(emailOutbox).where(and(eq(emailOutbox.to, to), eq(emailOutbox.template, template))));
}

const scratch = () => mkdtempSync(join(tmpdir(), "recre-"));

export const hasTool = (tool: string) => spawnSync(tool, ["--version"]).error === undefined;

/** xmllint's verdict on a file against an XSD: status 0 and "validates", or the errors. */
export function validateXml(xml: string, xsd: string) {
  const file = join(scratch(), "file.xml");
  writeFileSync(file, xml);
  const result = spawnSync("xmllint", ["--noout", "--schema", xsd, file], { encoding: "utf8" });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** The text of a PDF as pdftotext lays it out. */
export function pdfText(bytes: Uint8Array): string {
  const file = join(scratch(), "file.pdf");
  writeFileSync(file, bytes);
  const result = spawnSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(result.stderr);
  return result.stdout;
}
