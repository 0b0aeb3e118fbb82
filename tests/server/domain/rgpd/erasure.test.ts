import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "@/db/client";
import { auditEvents, emailOutbox, erasureRequests, guardians, households, invoices, payments, sepaMandates, storedFiles, taxCertificates } from "@/db/schema";
import { familyTables } from "@/server/domain/rgpd/coverage";
import { withPlatform, withTenant } from "@/db/transaction";
import { storage } from "@/server/adapters/storage";
import { putUpload, recordFile } from "@/server/domain/files/stored-files";
import { processErasure, requestErasure } from "@/server/domain/rgpd/erasure";
import { staffActor } from "@/server/domain/scope";
import { messages } from "@/common/messages";
import { callerAs, loadDemo, userId } from "../../../fixtures/demo";
import { demoIds, inScope } from "../../../fixtures/demo-ids";
import { addFamilyRecords } from "../../../fixtures/family-records";

beforeAll(loadDemo);

/** Every row of every tenant table of the commune, as text: where a forgotten personal field would show. */
async function everyTenantRow(tenantId: string): Promise<string> {
  return withPlatform(async (tx) => {
    const tables = rowsOf<{ table_name: string }>(
      await tx.execute(sql`select table_name from information_schema.columns where column_name = 'tenant_id' and table_schema = 'public' order by table_name`),
    );
    const texts: string[] = [];
    for (const { table_name } of tables) {
      const rows = rowsOf<{ row: unknown }>(await tx.execute(sql`select row_to_json(t) as row from ${sql.identifier(table_name)} t where tenant_id = ${tenantId}`));
      texts.push(`${table_name}: ${JSON.stringify(rows.map((r) => r.row))}`);
    }
    return texts.join("\n");
  });
}

const MARTIN_PERSONAL = ["MARQUEUR-MARTIN", "6000011234567890", "AGRIFRPP", "Julie", "Thomas", "Martin", "parent@recre.test", "06 12 34 56 78", "06 98 76 54 32", "12 rue des Tilleuls", "Sarah", "Chloé", "Arachide", "2017-03-14", "2019-09-02"];

describe("erasing a family", () => {
  it("keeps its invoices and payments, totals intact, under a pseudonym; deletes everything else, uploads included", async () => {
    const { jolieville, ids, parent } = await demoIds();
    const martin = ids["JOL-00042"]!;
    const file = await putUpload(jolieville.id, "absence_certificate", { name: "certificat.pdf", type: "application/pdf", bytes: Buffer.from("%PDF-1.4\n%%EOF\n") });
    await withTenant(jolieville.id, (tx) => recordFile(tx, jolieville.id, { householdId: martin, kind: "absence_certificate", file }));
    // A demande with its thread and attachment, a message, a SEPA mandate, an attestation fiscale, a pre-registration with its document.
    const newer = await addFamilyRecords(jolieville.id, martin, "MARQUEUR-MARTIN", parent.userId!);
    const accountsBefore = await withPlatform(async (tx) => ({
      invoices: await tx.select({ id: invoices.id, number: invoices.number, total: invoices.totalCents }).from(invoices).where(eq(invoices.householdId, martin)),
      payments: await tx.select({ id: payments.id, amount: payments.amountCents }).from(payments).where(eq(payments.householdId, martin)),
    }));
    expect(accountsBefore.invoices.length).toBeGreaterThan(0);
    // Durand's file is there before and after, untouched: the control.
    const durandBefore = (await everyTenantRow(jolieville.id)).includes("3 impasse du Moulin");
    expect(durandBefore).toBe(true);

    await inScope(jolieville, (scope) => requestErasure(scope, { householdId: martin }), { actor: parent });
    const [request] = await withPlatform((tx) => tx.select().from(erasureRequests).where(eq(erasureRequests.householdId, martin)));
    expect(request).toMatchObject({ status: "pending", source: "family" });
    const mail = await withPlatform((tx) => tx.select({ to: emailOutbox.to, subject: emailOutbox.subject }).from(emailOutbox));
    expect(mail).toContainEqual({ to: "admin@jolieville.test", subject: messages.rgpd.erasure.staffSubject("Jolieville") });

    const admin = staffActor(await userId("admin@jolieville.test"), ["admin"]);
    await processErasure({ tenant: jolieville, actor: admin, now: new Date() }, { requestId: request!.id });

    const accountsAfter = await withPlatform(async (tx) => ({
      invoices: await tx.select({ id: invoices.id, number: invoices.number, total: invoices.totalCents }).from(invoices).where(eq(invoices.householdId, martin)),
      payments: await tx.select({ id: payments.id, amount: payments.amountCents }).from(payments).where(eq(payments.householdId, martin)),
    }));
    expect(accountsAfter).toEqual(accountsBefore);
    const [household] = await withPlatform((tx) => tx.select().from(households).where(eq(households.id, martin)));
    expect(household).toMatchObject({ name: "Famille effacée n° JOL-00042", addressLine: "", postalCode: "", city: "" });
    expect(household!.erasedAt).not.toBeNull();
    expect(await withPlatform((tx) => tx.select().from(guardians).where(eq(guardians.householdId, martin)))).toEqual([]);
    expect(await withPlatform((tx) => tx.select().from(storedFiles).where(eq(storedFiles.householdId, martin)))).toEqual([]);
    expect(await storage().get(file.key)).toBeNull();
    for (const key of newer.storageKeys) expect(await storage().get(key), key).toBeNull();
    // Legal records stay, pseudonymised: the mandate (revoked, IBAN masked), the attestation (children under their pseudonym).
    const [mandate] = await withPlatform((tx) => tx.select().from(sepaMandates).where(eq(sepaMandates.householdId, martin)));
    expect(mandate).toMatchObject({ rum: newer.rum, iban: "FR*********************0189", bic: "", mandateText: "", status: "revoked" });
    const [certificate] = await withPlatform((tx) => tx.select().from(taxCertificates).where(eq(taxCertificates.householdId, martin)));
    expect(certificate).toMatchObject({ number: newer.certificateNumber, totalCents: 12_300 });
    expect(certificate!.children[0]).toMatchObject({ firstName: expect.stringMatching(/^Enfant \d$/), lastName: "(effacé)", birthDate: "1900-01-01", amountCents: 12_300 });
    // Every table the coverage list says is deleted holds no row of this household any more.
    for (const [table, coverage] of Object.entries(familyTables)) {
      if (coverage.erasure !== "deleted") continue;
      const left = await withPlatform(async (tx) =>
        rowsOf<{ n: number }>(
          await tx.execute(sql`select count(*)::int as n from ${sql.identifier(table)} t where tenant_id = ${jolieville.id} and (row_to_json(t)->>'household_id') = ${martin}`),
        ),
      );
      expect(left[0]!.n, table).toBe(0);
    }

    const rows = await everyTenantRow(jolieville.id);
    for (const personal of MARTIN_PERSONAL) expect(rows, personal).not.toContain(personal);
    expect(rows).toContain("3 impasse du Moulin");
    expect(rows).toContain("Marc");

    const [done] = await withPlatform((tx) => tx.select().from(erasureRequests).where(eq(erasureRequests.id, request!.id)));
    expect(done).toMatchObject({ status: "done", processedBy: admin.userId });
    const logged = await withPlatform((tx) => tx.select().from(auditEvents).where(eq(auditEvents.householdId, martin)));
    expect(logged.map((e) => e.action)).toEqual(expect.arrayContaining(["rgpd.erasure_requested", "rgpd.erased"]));
  });

  it("takes the account's link away: the parent no longer sees the household; a second processing is refused", async () => {
    const { jolieville } = await demoIds();
    const parent = await callerAs("parent@recre.test", "jolieville");
    await expect(parent.family.myFamily()).rejects.toMatchObject({ code: "NOT_FOUND" });
    const [request] = await withPlatform((tx) => tx.select().from(erasureRequests));
    const admin = staffActor(await userId("admin@jolieville.test"), ["admin"]);
    await expect(processErasure({ tenant: jolieville, actor: admin, now: new Date() }, { requestId: request!.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    // The same parent's family in another commune is untouched.
    expect((await (await callerAs("parent@recre.test", "val-fleuri")).family.myFamily()).map((h) => h.reference)).toEqual(["VF-0815"]);
  });

  it("asked twice is one request; another family's household is NOT_FOUND", async () => {
    const { jolieville, ids, voisin } = await demoIds();
    const durand = ids["JOL-00057"]!;
    await inScope(jolieville, (scope) => requestErasure(scope, { householdId: durand }), { actor: voisin });
    await inScope(jolieville, (scope) => requestErasure(scope, { householdId: durand }), { actor: voisin });
    const pending = await withPlatform((tx) => tx.select().from(erasureRequests).where(eq(erasureRequests.householdId, durand)));
    expect(pending).toHaveLength(1);
    await expect(inScope(jolieville, (scope) => requestErasure(scope, { householdId: ids["JOL-00042"]! }), { actor: voisin })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
