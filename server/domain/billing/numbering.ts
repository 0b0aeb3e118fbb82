import { sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { rowsOf } from "@/db/client";

const prefixes = { invoice: "", credit_note: "AV-", tax_certificate: "AF-" } as const;

/**
 * The next gapless number of a commune's invoices (or credit notes) for a year, e.g. "2026-000042".
 * Call it in the transaction that issues the document: the counter row stays locked until commit,
 * so concurrent runs queue and a rolled-back issue gives its number back.
 */
export async function nextDocumentNumber(tx: Tx, tenantId: string, kind: keyof typeof prefixes, year: number): Promise<string> {
  const [number] = await nextDocumentNumbers(tx, tenantId, kind, year, 1);
  return number!;
}

/**
 * `count` consecutive numbers in one statement, in order, under the same rules as
 * `nextDocumentNumber`: the block is taken by a single bump of the counter row, which stays locked
 * until the issuing transaction ends, so no other document can take a number inside it.
 */
export async function nextDocumentNumbers(tx: Tx, tenantId: string, kind: keyof typeof prefixes, year: number, count: number): Promise<string[]> {
  if (count <= 0) return [];
  const [row] = rowsOf<{ last: number }>(
    await tx.execute(sql`insert into document_counters (tenant_id, kind, year, last) values (${tenantId}, ${kind}, ${year}, ${count})
      on conflict (tenant_id, kind, year) do update set last = document_counters.last + ${count}
      returning last`),
  );
  const first = Number(row!.last) - count + 1;
  return Array.from({ length: count }, (_, k) => `${prefixes[kind]}${year}-${String(first + k).padStart(6, "0")}`);
}
