import { beforeAll, describe, expect, it } from "vitest";
import { creditNotes, households, invoices, paymentAllocations, payments } from "@/db/schema";
import { withPlatform, withTenant } from "@/db/transaction";
import { householdStatement } from "@/server/domain/billing/ledger";
import type { Tenant } from "@/server/domain/tenants/tenants";
import { demoIds } from "../../../fixtures/demo-ids";
import { loadDemo } from "../../../fixtures/demo";

let vf: Tenant;

beforeAll(async () => {
  await loadDemo();
  vf = (await demoIds()).valFleuri;
});

describe("relevé de compte", () => {
  it("puts a basket's invoice before the payment that settles it, whatever their ids, so the running balance never jumps", async () => {
    const at = new Date("2026-11-25T10:02:00Z");
    // Ids chosen so that sorting by id would put the payment, then the credit, before the invoice.
    const ids = { invoice: "ffffffff-0000-4000-8000-000000000001", credit: "88888888-0000-4000-8000-000000000001", payment: "00000000-0000-4000-8000-000000000001" };
    const household = await withPlatform(async (tx) => {
      const [h] = await tx.insert(households).values({ tenantId: vf.id, reference: "VF-0950", name: "Famille Garcia", addressLine: "2 rue Basse", postalCode: "06410", city: "Val-Fleuri" }).returning();
      return h!.id;
    });
    await withTenant(vf.id, async (tx) => {
      await tx.insert(invoices).values({ tenantId: vf.id, id: ids.invoice, householdId: household, number: "2026-000900", kind: "basket", periodLabel: "Panier", issuedAt: at, dueDate: "2026-11-25", totalCents: 720 });
      // One of the two days filled up after the basket expired: credited at the same instant.
      await tx.insert(creditNotes).values({ tenantId: vf.id, id: ids.credit, householdId: household, number: "AV-2026-000900", amountCents: 360, reason: "Complet", issuedAt: at });
      await tx.insert(payments).values({ tenantId: vf.id, id: ids.payment, householdId: household, method: "demo", amountCents: 720, status: "succeeded", purpose: "basket", createdAt: at, settledAt: at });
      await tx.insert(paymentAllocations).values({ tenantId: vf.id, paymentId: ids.payment, invoiceId: ids.invoice, amountCents: 720 });
    });
    const lines = await withTenant(vf.id, (tx) => householdStatement({ tx: tx, tenant: vf }, { householdId: household }));
    expect(lines.map((l) => [l.kind, l.amountCents, l.balanceAfterCents])).toEqual([
      ["invoice", 720, 720],
      ["credit_note", -360, 360],
      ["payment", -720, -360],
    ]);
  });
});
