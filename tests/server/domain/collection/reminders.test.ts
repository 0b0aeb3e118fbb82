import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { invoiceReminders, treasuryReferrals } from "@/db/schema";
import { withPlatform } from "@/db/transaction";
import { reachedStep, runDueReminders, treasuryCsv } from "@/server/domain/collection/reminders";
import { treasuryCsvDownload } from "@/server/collection-downloads";
import { callerAs, loadDemo, tenantId, userId } from "../../../fixtures/demo";
import { demoIds, inScope, staffAs } from "../../../fixtures/demo-ids";
import { SEPA_SETTINGS, addInvoice, mailsTo } from "./helpers";

let jolieville: string;
let ids: Awaited<ReturnType<typeof demoIds>>;
/** A Martin invoice due on 10 November, which they pay after the first reminder. */
let martinInvoice: { id: string; number: string };

beforeAll(async () => {
  await loadDemo();
  jolieville = await tenantId("jolieville");
  ids = await demoIds();
  martinInvoice = await addInvoice(jolieville, {
    householdId: ids.ids["JOL-00042"]!,
    issuedAt: new Date("2026-10-28T09:00:00Z"),
    dueDate: "2026-11-10",
    lines: [{ childId: ids.ids.Sarah!, kind: "service", amountCents: 1200 }],
  });
  await (await callerAs("admin@jolieville.test", "jolieville")).collection.setSettings({ ...SEPA_SETTINGS, creditorId: "", creditorIban: "", creditorBic: "", reminderDays: [10, 30] });
});

/** The reminder job as the scheduler runs it, on a given day at 08:00 in Paris. */
const job = (day: string) => inScope(ids.jolieville, runDueReminders, { now: new Date(`${day}T07:00:00Z`) });
const remindersOf = (invoiceId: string) => withPlatform((tx) => tx.select().from(invoiceReminders).where(eq(invoiceReminders.invoiceId, invoiceId)));

describe("the reminder schedule", () => {
  it("reaches a step on its day after the due date, and only the last step a late job reaches", () => {
    expect(reachedStep([10, 30], "2026-11-15", "2026-11-24")).toBe(0);
    expect(reachedStep([10, 30], "2026-11-15", "2026-11-25")).toBe(1);
    expect(reachedStep([10, 30], "2026-11-15", "2026-12-15")).toBe(2);
    expect(reachedStep([], "2026-11-15", "2027-12-15")).toBe(0);
  });

  it("refuses steps that do not increase, naming the field", async () => {
    const admin = await callerAs("admin@jolieville.test", "jolieville");
    await expect(admin.collection.setSettings({ ...SEPA_SETTINGS, reminderDays: [30, 10] })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("des nombres de jours croissants") });
  });
});

describe("reminders of unpaid invoices", () => {
  it("send nothing before the first step's day", async () => {
    expect(await job("2026-11-19")).toEqual({ sent: 0, flagged: 0 });
    expect(await mailsTo("voisin@recre.test", "invoice-reminder")).toEqual([]);
  });

  it("arrive in the family's mailbox 10 days after the due date, once even if the job runs twice or in parallel", async () => {
    const [first, second] = await Promise.all([job("2026-11-25"), job("2026-11-25")]);
    expect(first.sent + second.sent).toBe(2);
    expect(await job("2026-11-26")).toEqual({ sent: 0, flagged: 0 });
    const mails = await mailsTo("voisin@recre.test", "invoice-reminder");
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe("Rappel : facture impayée — Jolieville");
    expect(mails[0]!.text).toMatch(/facture n° 2026-000002 .* il reste 15,60\s€ à payer/s);
    expect(mails[0]!.text).not.toContain("Dernière relance");
    expect(await mailsTo("parent@recre.test", "invoice-reminder")).toHaveLength(1);
  });

  it("are listed for the front desk, with what is still due now", async () => {
    const list = await (await callerAs("agent@jolieville.test", "jolieville")).collection.reminders();
    expect(list.map((r) => [r.number, r.reference, r.step, r.remainingNowCents]).sort()).toEqual([
      ["2026-000002", "JOL-00057", 1, 1560],
      [martinInvoice.number, "JOL-00042", 1, 1200],
    ]);
  });

  it("stop once the invoice is paid; the last step flags what is still due for the treasury", async () => {
    await (await callerAs("agent@jolieville.test", "jolieville")).payments.recordCounterPayment({
      idempotencyKey: randomUUID(),
      householdId: ids.ids["JOL-00042"]!,
      method: "cash",
      amount: "12,00",
      reference: "",
      allocations: [{ invoiceId: martinInvoice.id, amount: "12,00" }],
    });
    expect(await job("2026-12-15")).toEqual({ sent: 1, flagged: 1 });
    expect((await remindersOf(martinInvoice.id)).map((r) => r.step)).toEqual([1]);
    const mails = await mailsTo("voisin@recre.test", "invoice-reminder");
    expect(mails.map((m) => m.subject)).toEqual(["Rappel : facture impayée — Jolieville", "Relance n° 2 : facture impayée — Jolieville"]);
    expect(mails[1]!.text).toContain("Dernière relance");
    const flagged = await withPlatform((tx) => tx.select().from(treasuryReferrals).where(eq(treasuryReferrals.tenantId, jolieville)));
    expect(flagged.map((f) => [f.householdId, f.remainingCents])).toEqual([[ids.ids["JOL-00057"], 1560]]);
    expect(await job("2026-12-20")).toEqual({ sent: 0, flagged: 0 });
  });

  it("put the flagged invoices in a CSV the front desk exports (Excel-ready, formula-safe)", async () => {
    const csv = await inScope(ids.jolieville, treasuryCsv, { actor: staffAs(await userId("agent@jolieville.test")) });
    expect(csv.filename).toBe("titres-executoires-2026-11-25.csv");
    const lines = csv.content.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("N° facture;Référence famille;Famille;Adresse;Code postal;Ville;Période;Échéance;Montant facturé (€);Reste dû (€);Signalée le");
    expect(lines.slice(1)).toEqual([expect.stringMatching(/^2026-000002;JOL-00057;Famille Durand;3 impasse du Moulin;69120;Jolieville;.*;15 novembre 2026;15,60;15,60;15\/12\/2026$/)]);
    const response = await treasuryCsvDownload(await userId("voisin@recre.test"), { commune: "jolieville" });
    expect(response.status).toBe(404);
    expect((await treasuryCsvDownload(await userId("admin@jolieville.test"), { commune: "jolieville" })).status).toBe(200);
  });

  it("are not sent for an invoice in a debit on its way to the bank", async () => {
    const later = await addInvoice(jolieville, { householdId: ids.ids["JOL-00057"]!, issuedAt: new Date("2026-11-27T09:00:00Z"), dueDate: "2026-12-01", lines: [{ childId: ids.ids.Tom!, kind: "service", amountCents: 700 }] });
    const admin = await callerAs("admin@jolieville.test", "jolieville");
    await admin.collection.setSettings({ ...SEPA_SETTINGS, reminderDays: [10, 30] });
    await (await callerAs("voisin@recre.test", "jolieville")).collection.signMandate({ holderName: "Marc Durand", iban: "FR7630006000011234567890189", bic: "AGRIFRPP", accepted: true });
    await admin.collection.createDebitRun({ collectionDate: "2026-12-10" });
    await job("2026-12-12");
    expect(await remindersOf(later.id)).toEqual([]);
  });
});
