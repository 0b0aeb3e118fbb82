import { beforeAll, describe, expect, it } from "vitest";
import { callerAs, loadDemo } from "../../fixtures/demo";
import { demoIds } from "../../fixtures/demo-ids";
import { callHttp } from "../../fixtures/http";

const notFound = { code: "NOT_FOUND" };
let ids: Record<string, string>;

beforeAll(async () => {
  await loadDemo();
  ids = (await demoIds()).ids;
});

describe("invoices procedures", () => {
  it("keep runs to the commune's admins: an agent, a parent or another commune's admin get NOT_FOUND", async () => {
    for (const [email, commune] of [
      ["agent@jolieville.test", "jolieville"],
      ["parent@recre.test", "jolieville"],
      ["admin@val-fleuri.test", "jolieville"],
    ] as const) {
      const c = await callerAs(email, commune);
      await expect(c.invoices.previewRun({ period: "2026-12", mode: "advance" })).rejects.toMatchObject(notFound);
      await expect(c.invoices.issueBatch({ period: "2026-12", mode: "advance" })).rejects.toMatchObject(notFound);
      await expect(c.invoices.runs()).rejects.toMatchObject(notFound);
    }
    const prepaid = await callerAs("admin@val-fleuri.test", "val-fleuri");
    await expect(prepaid.invoices.previewRun({ period: "2026-12", mode: "advance" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("show a family its own invoices only, paid and to pay", async () => {
    const parent = await callerAs("parent@recre.test", "jolieville");
    const voisin = await callerAs("voisin@recre.test", "jolieville");
    const mine = await parent.invoices.mine();
    expect(mine.paid.map((i) => [i.number, i.totalCents, i.paidCents])).toEqual([["2026-000001", 1890, 1890]]);
    expect(mine.toPay).toEqual([]);
    const theirs = await voisin.invoices.mine();
    expect(theirs.toPay.map((i) => [i.number, i.remainingCents])).toEqual([["2026-000002", 1560]]);
    const durandInvoice = theirs.toPay[0]!.id;
    for (const call of [
      () => parent.invoices.detail({ invoiceId: durandInvoice }),
      () => parent.invoices.setHidden({ invoiceId: durandInvoice, hidden: true }),
      () => parent.invoices.setDelivery({ householdId: ids["JOL-00057"]!, delivery: "email" }),
    ]) {
      await expect(call()).rejects.toMatchObject(notFound);
    }
    // Julie Martin's Val-Fleuri family does not make Jolieville invoices hers in Val-Fleuri.
    const elsewhere = await callerAs("parent@recre.test", "val-fleuri");
    await expect(elsewhere.invoices.detail({ invoiceId: mine.paid[0]!.id })).rejects.toMatchObject(notFound);
    const detail = await voisin.invoices.detail({ invoiceId: durandInvoice });
    expect(detail.lines.map((l) => [l.childName, l.kind, l.quantity])).toEqual([
      ["Tom Durand", "service", 4],
      ["Tom Durand", "meal", 4],
    ]);
  });

  it("let a family hide an invoice and show it again, and choose e-mail delivery", async () => {
    const parent = await callerAs("parent@recre.test", "jolieville");
    const [invoice] = (await parent.invoices.mine()).paid;
    await parent.invoices.setHidden({ invoiceId: invoice!.id, hidden: true });
    expect((await parent.invoices.mine()).paid).toEqual([]);
    expect((await parent.invoices.mine()).hiddenCount).toBe(1);
    expect((await parent.invoices.mine({ includeHidden: true })).paid.map((i) => i.hiddenByFamily)).toEqual([true]);
    await parent.invoices.setHidden({ invoiceId: invoice!.id, hidden: false });
    await parent.invoices.setDelivery({ householdId: ids["JOL-00042"]!, delivery: "email" });
    expect((await parent.invoices.deliveries()).map((d) => d.delivery)).toEqual(["email"]);
  });

  it("issue a run batch by batch from the admin side, then show it in the list", async () => {
    const admin = await callerAs("admin@jolieville.test", "jolieville");
    const preview = await admin.invoices.previewRun({ period: "2026-12", mode: "advance" });
    expect(preview.households.map((h) => h.reference)).toEqual(["JOL-00057"]);
    let step = await admin.invoices.issueBatch({ period: "2026-12", mode: "advance" });
    while (!step.done) step = await admin.invoices.issueBatch({ period: "2026-12", mode: "advance", runId: step.runId });
    expect(step).toMatchObject({ invoiceCount: 1, remaining: 0 });
    const runs = await admin.invoices.runs();
    expect(runs.map((r) => [r.period, r.status, r.invoiceCount])).toEqual([
      ["2026-12", "issued", 1],
      ["2026-11", "issued", 2],
    ]);
    // Front desk: a household's invoices and a credit note; a parent cannot issue one.
    const agent = await callerAs("agent@jolieville.test", "jolieville");
    const list = await agent.invoices.householdInvoices({ householdId: ids["JOL-00057"]! });
    expect(list.map((i) => i.number)).toEqual(["2026-000003", "2026-000002"]);
    const note = await agent.invoices.creditNote({ invoiceId: list[1]!.id, amountCents: 390, reason: "Sortie annulée" });
    expect(note.number).toBe("AV-2026-000001");
    const voisin = await callerAs("voisin@recre.test", "jolieville");
    await expect(voisin.invoices.creditNote({ invoiceId: list[1]!.id, amountCents: 1, reason: "moi" })).rejects.toMatchObject(notFound);
    expect((await voisin.invoices.detail({ invoiceId: list[1]!.id })).creditNotes.map((c) => c.amountCents)).toEqual([390]);
  });
});

describe("the automatic run schedule", () => {
  it("is the admin's to switch on, with days from 1 to 28, refused in French otherwise without change", async () => {
    const admin = await callerAs("admin@jolieville.test", "jolieville");
    expect(await admin.invoices.schedule()).toEqual({ scheduledRuns: false, advanceRunDay: 27, arrearsRunDay: 15, timings: { advance: true, arrears: false } });
    const { status, error } = await callHttp("invoices.setSchedule", { scheduledRuns: true, advanceRunDay: 31, arrearsRunDay: 15 }, { as: "admin@jolieville.test", commune: "jolieville" });
    expect(status).toBe(400);
    expect(error?.message).toContain("Jour d'émission à l'avance : choisissez un jour entre 1 et 28");
    expect(Object.keys(error!.data.fieldErrors)).toEqual(["advanceRunDay"]);
    expect((await admin.invoices.schedule()).scheduledRuns).toBe(false);
    await admin.invoices.setSchedule({ scheduledRuns: true, advanceRunDay: 25, arrearsRunDay: 10 });
    expect(await (await callerAs("admin@jolieville.test", "jolieville")).invoices.schedule()).toMatchObject({ scheduledRuns: true, advanceRunDay: 25, arrearsRunDay: 10 });
  });
});
