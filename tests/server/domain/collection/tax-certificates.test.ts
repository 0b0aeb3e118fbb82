import { beforeAll, describe, expect, it } from "vitest";
import { children } from "@/db/schema";
import { withTenant } from "@/db/transaction";
import { recordCounterPayment } from "@/server/domain/billing/payments";
import { certificatesOf, reissueCertificate, under6On1January } from "@/server/domain/collection/tax-certificates";
import { certificatePdfFile } from "@/server/domain/collection/certificate-pdf";
import { certificatePdfDownload } from "@/server/collection-downloads";
import { parentActor } from "@/server/domain/scope";
import { loadDemo, tenantId, userId } from "../../../fixtures/demo";
import { demoIds, inScope, staffAs } from "../../../fixtures/demo-ids";
import { addInvoice, hasTool, pdfText } from "./helpers";

const pdftotext = hasTool("pdftotext");
if (!pdftotext) console.warn("pdftotext absent : la lecture du PDF de l'attestation est sautée (installez poppler-utils)");

let jolieville: string;
let ids: Awaited<ReturnType<typeof demoIds>>;
let durand: string;
let voisin: ReturnType<typeof parentActor>;
const JANUARY_2027 = new Date("2027-01-10T09:00:00Z");

/** A counter payment of `cents` on `invoiceId`, recorded at `at`. */
async function pay(invoiceId: string, cents: number, at: Date) {
  const agent = await userId("agent@jolieville.test");
  await inScope(ids.jolieville, (scope) => recordCounterPayment(scope, { householdId: durand, method: "cash", amountCents: cents, allocations: [{ invoiceId, amountCents: cents }] }), { actor: staffAs(agent), now: at });
}

beforeAll(async () => {
  await loadDemo();
  jolieville = await tenantId("jolieville");
  ids = await demoIds();
  durand = ids.ids["JOL-00057"]!;
  voisin = parentActor(await userId("voisin@recre.test"), [durand]);
  // Tom (born 2018) is over 6; his little sister Léa, born in 2022, is not.
  const [lea] = await withTenant(jolieville, (tx) =>
    tx.insert(children).values({ tenantId: jolieville, householdId: durand, firstName: "Léa", lastName: "Durand", birthDate: "2022-03-01" }).returning({ id: children.id }),
  );
  const october = await addInvoice(jolieville, {
    householdId: durand,
    issuedAt: new Date("2026-09-28T09:00:00Z"),
    dueDate: "2026-10-15",
    lines: [
      { childId: lea!.id, kind: "service", amountCents: 2000 },
      { childId: lea!.id, kind: "meal", amountCents: 800 },
      { childId: ids.ids.Tom!, kind: "service", amountCents: 1500 },
    ],
  });
  const november = await addInvoice(jolieville, {
    householdId: durand,
    issuedAt: new Date("2026-10-28T09:00:00Z"),
    dueDate: "2026-11-15",
    lines: [
      { childId: lea!.id, kind: "service", amountCents: 1000 },
      { childId: lea!.id, kind: "meal", amountCents: 1000 },
    ],
  });
  const december = await addInvoice(jolieville, { householdId: durand, issuedAt: new Date("2026-11-27T09:00:00Z"), dueDate: "2026-12-15", lines: [{ childId: lea!.id, kind: "service", amountCents: 300 }] });
  await pay(october.id, 4300, new Date("2026-10-10T09:00:00Z"));
  // Half of November's invoice: half of Léa's care (5,00 €) counts, the rest was for meals.
  await pay(november.id, 1000, new Date("2026-12-31T22:30:00Z"));
  // Paid on 5 January 2027: in next year's certificate, not this one; and 31 December 23:30 in Paris is still 2026.
  await pay(december.id, 300, new Date("2027-01-05T09:00:00Z"));
});

describe("who counts", () => {
  it("is a child under 6 on 1 January of the year", () => {
    expect(under6On1January("2020-01-02", 2026)).toBe(true);
    expect(under6On1January("2020-01-01", 2026)).toBe(false);
    expect(under6On1January("2026-06-01", 2026)).toBe(true);
  });
});

describe("the attestation fiscale on the family's portal", () => {
  it("is not there before January: nothing was paid for a child under 6 in 2025", async () => {
    const list = await inScope(ids.jolieville, (s) => certificatesOf(s), { actor: voisin });
    expect(list).toMatchObject({ lastYear: 2025, certificates: [] });
  });

  it("appears in January without anyone asking: the care paid that year for each child under 6, meals excluded", async () => {
    const list = await inScope(ids.jolieville, (s) => certificatesOf(s), { actor: voisin, now: JANUARY_2027 });
    expect(list.certificates).toHaveLength(1);
    expect(list.certificates[0]).toMatchObject({ year: 2026, number: "AF-2027-000001", totalCents: 2500, status: "current" });
    expect(list.certificates[0]!.children.map((c) => [c.firstName, c.amountCents])).toEqual([["Léa", 2500]]);
    // Read again: the same certificate, not a new number.
    const again = await inScope(ids.jolieville, (s) => certificatesOf(s), { actor: voisin, now: JANUARY_2027 });
    expect(again.certificates.map((c) => c.number)).toEqual(["AF-2027-000001"]);
  });

  it.skipIf(!pdftotext)("reads correctly with pdftotext: the commune, its SIRET, the number, the child's amount; no meals, no older child", async () => {
    const [certificate] = (await inScope(ids.jolieville, (s) => certificatesOf(s), { actor: voisin, now: JANUARY_2027 })).certificates;
    const file = await inScope(ids.jolieville, (s) => certificatePdfFile(s, { certificateId: certificate!.id }), { actor: voisin, now: JANUARY_2027 });
    expect(file.filename).toBe("attestation-fiscale-2026-AF-2027-000001.pdf");
    const text = pdfText(file.bytes).replace(/\s+/g, " ");
    expect(text).toContain("Commune de Jolieville");
    expect(text).toContain("SIRET 21690999900015");
    expect(text).toContain("Attestation de frais de garde 2026");
    expect(text).toContain("N° AF-2027-000001");
    expect(text).toContain("Famille Durand");
    expect(text).toMatch(/Léa Durand 1er mars 2022 25,00 €/);
    expect(text).toMatch(/Total 25,00 €/);
    expect(text).toContain("article 200 quater B du Code général des impôts), hors frais de repas");
    // Meals (8,00 € and 10,00 €), Tom's care (15,00 €) and January's payment (3,00 €) are left out.
    expect(text).not.toMatch(/Tom|8,00|10,00|15,00|3,00 €|43,00/);
  });

  it("can be reissued by the front desk: a new number, the old one marked replaced and named on the new one", async () => {
    const agent = staffAs(await userId("agent@jolieville.test"));
    const result = await inScope(ids.jolieville, (s) => reissueCertificate(s, { householdId: durand, year: 2026 }), { actor: agent, now: JANUARY_2027 });
    expect(result).toMatchObject({ number: "AF-2027-000002", replaced: "AF-2027-000001" });
    const staffView = await inScope(ids.jolieville, (s) => certificatesOf(s, { householdId: durand }), { actor: agent, now: JANUARY_2027 });
    expect(staffView.certificates.map((c) => [c.number, c.status])).toEqual([
      ["AF-2027-000002", "current"],
      ["AF-2027-000001", "replaced"],
    ]);
    const familyView = await inScope(ids.jolieville, (s) => certificatesOf(s), { actor: voisin, now: JANUARY_2027 });
    expect(familyView.certificates.map((c) => c.number)).toEqual(["AF-2027-000002"]);
    if (pdftotext) {
      const file = await inScope(ids.jolieville, (s) => certificatePdfFile(s, { certificateId: result.id }), { actor: voisin, now: JANUARY_2027 });
      expect(pdfText(file.bytes).replace(/\s+/g, " ")).toContain("annule et remplace l'attestation n° AF-2027-000001");
    }
    await expect(inScope(ids.jolieville, (s) => reissueCertificate(s, { householdId: durand, year: 2027 }), { actor: agent, now: JANUARY_2027 })).rejects.toMatchObject({ code: "BAD_REQUEST", field: "year" });
  });

  it("is downloaded by its family and the front desk only", async () => {
    const [certificate] = (await inScope(ids.jolieville, (s) => certificatesOf(s), { actor: voisin, now: JANUARY_2027 })).certificates;
    const params = { commune: "jolieville", certificateId: certificate!.id };
    const own = await certificatePdfDownload(await userId("voisin@recre.test"), params);
    expect(own.status).toBe(200);
    expect(own.headers.get("content-type")).toBe("application/pdf");
    expect((await certificatePdfDownload(await userId("parent@recre.test"), params)).status).toBe(404);
    expect((await certificatePdfDownload(await userId("animateur@jolieville.test"), params)).status).toBe(404);
    expect((await certificatePdfDownload(await userId("admin@val-fleuri.test"), { ...params, commune: "val-fleuri" })).status).toBe(404);
    expect((await certificatePdfDownload(await userId("agent@jolieville.test"), params)).status).toBe(200);
  });
});
