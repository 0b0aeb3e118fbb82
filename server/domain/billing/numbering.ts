import { sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { rowsOf } from "@/db/client";

const prefixes = { invoice: "", credit_note: "AV-" } as const;

/**
 * The next gapless number of a commune's invoices (or credit notes) for a year, e.g. "2026-000042".
 * Call it in the transaction that issues the document: the counter row stays locked until commit,
 * so concurrent runs queue and a rolled-back issue gives its number back.
 */
export async function nextDocumentNumber(tx: Tx, tenantId: string, kind: keyof typeof prefixes, year: number): Promise<string> {
  const [row] = rowsOf<{ last: number }>(
    await tx.execute(sql`insert into document_counters (tenant_id, kind, year, last) values (${tenantId}, ${kind}, ${year}, 1)
      on conflict (tenant_id, kind, year) do update set last = document_counters.last + 1
      returning last`),
  );
  return `${prefixes[kind]}${year}-${String(row!.last).padStart(6, "0")}`;
}
