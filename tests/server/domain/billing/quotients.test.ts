import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { children, quotients, tenants } from "@/db/schema";
import { withPlatform } from "@/db/transaction";
import { householdQuotients, qfAt, recordCafQuotient, recordFiscalQuotient } from "@/server/domain/billing/quotients";
import { loadDemo } from "../../../fixtures/demo";
import { appError, demoIds, inTenant, type DemoIds } from "../activities/helpers";
import { scopeOf, staffAs } from "../../../fixtures/demo-ids";

let j: DemoIds;
let vf: DemoIds;
let martin: string;
let durand: string;

beforeAll(async () => {
  await loadDemo();
  j = await demoIds("jolieville");
  vf = await demoIds("val-fleuri");
  const householdOf = async (childId: string) =>
    (await withPlatform((tx) => tx.select({ id: children.householdId }).from(children).where(eq(children.id, childId))))[0]!.id;
  martin = await householdOf(j.child.Sarah!);
  durand = await householdOf(j.child.Tom!);
});

const qf = (householdId: string, date: string) => inTenant(j.tenant, (tx) => qfAt(tx, j.tenant.id, householdId, date));

describe("quotient familial", () => {
  it("gives the demo CAF value within its validity, null outside it or when none is on file", async () => {
    expect(await qf(martin, "2026-01-01")).toBe(650);
    expect(await qf(martin, "2026-12-31")).toBe(650);
    expect(await qf(martin, "2025-12-31")).toBeNull();
    expect(await qf(martin, "2027-01-04")).toBeNull(); // expired
    expect(await qf(durand, "2026-12-01")).toBeNull();
  });

  it("records a CAF attestation; the latest one covering a date wins", async () => {
    await inTenant(j.tenant, (tx) =>
      recordCafQuotient(scopeOf(tx, j.tenant, staffAs(null)), { householdId: martin, value: 720, attestationDate: "2026-11-20", validFrom: "2027-01-01", validTo: "2027-12-31" }),
    );
    await inTenant(j.tenant, (tx) =>
      recordCafQuotient(scopeOf(tx, j.tenant, staffAs(null)), { householdId: martin, value: 380, attestationDate: "2026-11-24", validFrom: "2026-11-01", validTo: "2026-12-31" }),
    );
    expect(await qf(martin, "2026-10-31")).toBe(650);
    expect(await qf(martin, "2026-12-01")).toBe(380);
    expect(await qf(martin, "2027-01-04")).toBe(720);
    const { history } = await inTenant(j.tenant, (tx) => householdQuotients(scopeOf(tx, j.tenant), { householdId: martin }));
    expect(history.map((h) => [h.value, h.source, h.current, h.expired])).toEqual([
      [720, "caf", false, false],
      [380, "caf", true, false],
      [650, "caf", false, false],
    ]);
  });

  it("computes a fiscal QF with the parts as on the tax notice, keeping the inputs", async () => {
    const row = await inTenant(j.tenant, (tx) =>
      recordFiscalQuotient(scopeOf(tx, j.tenant, staffAs(null)), {
        householdId: durand,
        annualIncomeCents: 3_600_000,
        monthlyBenefitsCents: 15_000,
        parts: 3,
        validFrom: "2026-11-01",
        validTo: "2027-10-31",
      }),
    );
    expect(row).toMatchObject({ value: 1050, source: "fiscal", fiscal: { annualIncomeCents: 3_600_000, monthlyBenefitsCents: 15_000, parts: 3 } });
    expect(await qf(durand, "2026-12-01")).toBe(1050);
    const missing = await appError(
      inTenant(j.tenant, (tx) =>
        recordFiscalQuotient(scopeOf(tx, j.tenant, staffAs(null)), { householdId: durand, annualIncomeCents: 1, monthlyBenefitsCents: 0, validFrom: "2026-11-01", validTo: "2027-10-31" }),
      ),
    );
    expect(missing).toMatchObject({ code: "BAD_REQUEST", field: "parts", message: expect.stringMatching(/^Nombre de parts : /) });
  });

  it("counts the parts as the CAF does when the commune says so", async () => {
    const caf = { ...j.tenant, qfPartsRule: "caf" as const };
    // 30 000 € / 12 = 2 500 € / (2 + ½ + ½ + 1) = 625 €
    const row = await inTenant(j.tenant, (tx) =>
      recordFiscalQuotient(scopeOf(tx, caf, staffAs(null)), {
        householdId: durand,
        annualIncomeCents: 3_000_000,
        monthlyBenefitsCents: 0,
        parts: 1, // ignored under the CAF rule
        adults: 2,
        childCount: 3,
        validFrom: "2026-12-01",
        validTo: "2027-11-30",
      }),
    );
    expect(row).toMatchObject({ value: 625, fiscal: { parts: 4 } });
    const missing = await appError(
      inTenant(j.tenant, (tx) =>
        recordFiscalQuotient(scopeOf(tx, caf, staffAs(null)), { householdId: durand, annualIncomeCents: 1, monthlyBenefitsCents: 0, parts: 2, validFrom: "2026-11-01", validTo: "2027-10-31" }),
      ),
    );
    expect(missing).toMatchObject({ code: "BAD_REQUEST", field: "adults" });
    // The stored rule of the demo commune is still "fiscal".
    const [row2] = await withPlatform((tx) => tx.select({ rule: tenants.qfPartsRule }).from(tenants).where(eq(tenants.id, j.tenant.id)));
    expect(row2!.rule).toBe("fiscal");
  });

  it("refuses a validity ending before it starts, an attestation from the future, and writes nothing", async () => {
    const before = await withPlatform((tx) => tx.select().from(quotients));
    const backwards = await appError(
      inTenant(j.tenant, (tx) =>
        recordCafQuotient(scopeOf(tx, j.tenant, staffAs(null)), { householdId: durand, value: 500, attestationDate: "2026-11-01", validFrom: "2027-01-01", validTo: "2026-12-31" }),
      ),
    );
    expect(backwards).toMatchObject({ code: "BAD_REQUEST", field: "validTo", message: "Valable jusqu'au : la fin de validité précède son début" });
    const future = await appError(
      inTenant(j.tenant, (tx) =>
        recordCafQuotient(scopeOf(tx, j.tenant, staffAs(null)), { householdId: durand, value: 500, attestationDate: "2026-11-26", validFrom: "2027-01-01", validTo: "2027-12-31" }),
      ),
    );
    expect(future).toMatchObject({ code: "BAD_REQUEST", field: "attestationDate" });
    const negative = await appError(
      inTenant(j.tenant, (tx) =>
        recordCafQuotient(scopeOf(tx, j.tenant, staffAs(null)), { householdId: durand, value: -1, attestationDate: "2026-11-01", validFrom: "2027-01-01", validTo: "2027-12-31" }),
      ),
    );
    expect(negative).toMatchObject({ code: "BAD_REQUEST", field: "value", message: expect.stringMatching(/^Quotient familial : /) });
    expect(await withPlatform((tx) => tx.select().from(quotients))).toEqual(before);
  });

  it("never reaches another commune's household", async () => {
    expect(await appError(inTenant(vf.tenant, (tx) => householdQuotients(scopeOf(tx, vf.tenant), { householdId: martin })))).toMatchObject({ code: "NOT_FOUND" });
    expect(
      await appError(
        inTenant(vf.tenant, (tx) =>
          recordCafQuotient(scopeOf(tx, vf.tenant, staffAs(null)), { householdId: martin, value: 1, attestationDate: "2026-11-01", validFrom: "2027-01-01", validTo: "2027-12-31" }),
        ),
      ),
    ).toMatchObject({ code: "NOT_FOUND" });
    expect(await inTenant(vf.tenant, (tx) => qfAt(tx, vf.tenant.id, martin, "2026-12-01"))).toBeNull();
  });
});
