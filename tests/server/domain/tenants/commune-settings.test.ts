import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { activities, bookings, householdEvents, invoices, tenants } from "@/db/schema";
import { DEMO_ACTIVATION_CODES } from "@/server/demo/seed";
import { withPlatform, withTenant } from "@/db/transaction";
import { renderInvoicePdf } from "@/server/domain/billing/invoice-pdf";
import { invoiceDetail } from "@/server/domain/billing/invoices";
import { isSiret } from "@/server/domain/tenants/commune-settings";
import { findTenantBySlug } from "@/server/domain/tenants/tenants";
import { invoicePdfDownload } from "@/server/downloads";
import { messages } from "@/common/messages";
import { book, BOOKING_NOW, demoIds, scopeOf } from "../../../fixtures/demo-ids";
import { callerAs, loadDemo, userId } from "../../../fixtures/demo";
import { callHttp } from "../../../fixtures/http";

type Demo = Awaited<ReturnType<typeof demoIds>>;
let demo: Demo;

beforeAll(async () => {
  await loadDemo();
  demo = await demoIds();
});

const tenantRow = async (slug: string) => (await findTenantBySlug(slug))!;
const pdfText = (pdf: Buffer) => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "facture-")), "facture.pdf");
  writeFileSync(file, pdf);
  return execFileSync("/usr/bin/pdftotext", ["-layout", "-enc", "UTF-8", file, "-"]).toString("utf8");
};

describe("commune billing settings", () => {
  it("are the admin's: read, changed, and refused with a French message naming the field", async () => {
    const admin = await callerAs("admin@val-fleuri.test", "val-fleuri");
    expect(await admin.commune.settings()).toMatchObject({ billing: { billingMode: "prepaid", basketHoldMinutes: 30, qfPartsRule: "fiscal" } });
    await admin.commune.setBillingSettings({ billingMode: "prepaid", basketHoldMinutes: 45, qfPartsRule: "caf" });
    expect(await tenantRow("val-fleuri")).toMatchObject({ basketHoldMinutes: 45, qfPartsRule: "caf" });
    for (const basketHoldMinutes of [0, 4, 1441, 12.5]) {
      const { status, error } = await callHttp("commune.setBillingSettings", { billingMode: "prepaid", basketHoldMinutes, qfPartsRule: "caf" }, { as: "admin@val-fleuri.test", commune: "val-fleuri" });
      expect(status).toBe(400);
      expect(error!.data.fieldErrors.basketHoldMinutes).toBe(`Durée de réservation du panier : ${messages.communeSettings.holdInvalid}`);
    }
    for (const [email, commune] of [
      ["agent@jolieville.test", "jolieville"],
      ["parent@recre.test", "val-fleuri"],
      ["admin@jolieville.test", "val-fleuri"],
    ] as const) {
      const caller = await callerAs(email, commune);
      await expect(caller.commune.setBillingSettings({ billingMode: "invoice", basketHoldMinutes: 10, qfPartsRule: "fiscal" })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(caller.commune.setContact({ city: "Ailleurs" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    expect(await tenantRow("val-fleuri")).toMatchObject({ billingMode: "prepaid", basketHoldMinutes: 45 });
    expect((await tenantRow("jolieville")).city).toBe("Jolieville");
  });

  it("hold a basket for the commune's delay; holds already made keep theirs", async () => {
    const vf = await tenantRow("val-fleuri");
    const [first] = await book({ ...vf, basketHoldMinutes: 30 }, demo.parentValFleuri, [{ childId: demo.ids.Louise!, activityId: demo.ids["vf:Cantine"]!, date: "2026-12-14", action: "book" }]);
    expect(first).toMatchObject({ result: "confirmed" });
    const [second] = await book(vf, demo.parentValFleuri, [{ childId: demo.ids.Louise!, activityId: demo.ids["vf:Cantine"]!, date: "2026-12-15", action: "book" }]);
    expect(second).toMatchObject({ result: "confirmed" });
    const held = await withPlatform((tx) => tx.select({ date: bookings.date, heldUntil: bookings.heldUntil }).from(bookings).where(eq(bookings.childId, demo.ids.Louise!)).orderBy(bookings.date));
    expect(held).toEqual([
      { date: "2026-12-14", heldUntil: new Date(BOOKING_NOW.getTime() + 30 * 60_000) },
      { date: "2026-12-15", heldUntil: new Date(BOOKING_NOW.getTime() + 45 * 60_000) },
    ]);
  });

  it("switch the default billing mode for new activities only: existing activities, bookings and invoices stay as they were", async () => {
    const j = demo.jolieville;
    const before = await withPlatform(async (tx) => ({
      bookings: await tx.select().from(bookings).where(eq(bookings.tenantId, j.id)).orderBy(bookings.id),
      invoices: await tx.select().from(invoices).where(eq(invoices.tenantId, j.id)).orderBy(invoices.id),
    }));
    const admin = await callerAs("admin@jolieville.test", "jolieville");
    const result = await admin.commune.setBillingSettings({ billingMode: "prepaid", basketHoldMinutes: 30, qfPartsRule: "fiscal" });
    expect(result).toMatchObject({ billingMode: "prepaid", pinnedActivities: 4 });
    const modes = await withPlatform((tx) => tx.select({ name: activities.name, mode: activities.billingMode }).from(activities).where(eq(activities.tenantId, j.id)));
    expect(new Set(modes.map((m) => m.mode))).toEqual(new Set(["invoice"]));
    expect(await withPlatform(async (tx) => ({
      bookings: await tx.select().from(bookings).where(eq(bookings.tenantId, j.id)).orderBy(bookings.id),
      invoices: await tx.select().from(invoices).where(eq(invoices.tenantId, j.id)).orderBy(invoices.id),
    }))).toEqual(before);
    // A parent booking an existing activity is still confirmed at once (invoiced), not put in a basket.
    const switched = await tenantRow("jolieville");
    const [outcome] = await book(switched, demo.parent, [{ childId: demo.ids.Sarah!, activityId: demo.ids.Cantine!, date: "2026-12-08", action: "book" }]);
    expect(outcome).toMatchObject({ result: "confirmed" });
    expect(outcome!.held).toBeUndefined();
    expect((await admin.commune.access()).billingModes).toEqual({ prepaid: false, invoice: true });
    // Switching back pins nothing more: every activity already has its own mode.
    await expect(admin.commune.setBillingSettings({ billingMode: "invoice", basketHoldMinutes: 30, qfPartsRule: "fiscal" })).resolves.toMatchObject({ pinnedActivities: 0 });
    await withPlatform((tx) => tx.update(activities).set({ billingMode: null }).where(eq(activities.tenantId, j.id)));
  });
});

describe("the household resident flag", () => {
  it("is changed by the front desk and recorded, prices only bookings made from then on", async () => {
    const durand = demo.ids["JOL-00057"]!;
    const agent = await callerAs("agent@jolieville.test", "jolieville");
    const [wednesday] = await withPlatform((tx) => tx.select().from(bookings).where(and(eq(bookings.childId, demo.ids.Tom!), eq(bookings.date, "2026-12-16"))));
    expect(wednesday!.unitPriceCents).toBe(1500);
    // Resident without a QF: the highest bracket, 3,90 €.
    const [resident] = await book(demo.jolieville, demo.voisin, [{ childId: demo.ids.Tom!, activityId: demo.ids.Cantine!, date: "2026-12-07", action: "book" }]);
    expect(resident!.unitPriceCents).toBe(390);

    await expect(agent.households.setResident({ householdId: durand, isResident: false })).resolves.toMatchObject({ isResident: false, changed: true });
    await expect(agent.households.setResident({ householdId: durand, isResident: false })).resolves.toMatchObject({ changed: false });
    const [nonResident] = await book(demo.jolieville, demo.voisin, [{ childId: demo.ids.Tom!, activityId: demo.ids.Cantine!, date: "2026-12-08", action: "book" }]);
    expect(nonResident!.unitPriceCents).toBe(450);
    const prices = await withPlatform((tx) => tx.select({ date: bookings.date, cents: bookings.unitPriceCents }).from(bookings).where(eq(bookings.childId, demo.ids.Tom!)).orderBy(bookings.date));
    expect(prices).toEqual([
      { date: "2026-12-07", cents: 390 },
      { date: "2026-12-08", cents: 450 },
      { date: "2026-12-16", cents: 1500 },
    ]);
    expect((await agent.households.get({ householdId: durand })).isResident).toBe(false);
    const history = await agent.households.access({ householdId: durand });
    expect(history.history.map((h) => [h.label, h.byName])).toEqual([["Passé en non-résident", "Sophie Garnier"]]);
    const events = await withPlatform((tx) => tx.select().from(householdEvents).where(eq(householdEvents.householdId, durand)));
    expect(events).toHaveLength(1);

    const parent = await callerAs("voisin@recre.test", "jolieville");
    await expect(parent.households.setResident({ householdId: durand, isResident: true })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const other = await callerAs("admin@val-fleuri.test", "val-fleuri");
    await expect(other.households.setResident({ householdId: durand, isResident: true })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await agent.households.setResident({ householdId: durand, isResident: true });
  });
});

describe("the commune's contact details", () => {
  it("are set by the admin, checked field by field, and shown to families", async () => {
    const admin = await callerAs("admin@jolieville.test", "jolieville");
    const contact = {
      addressLine: "Hôtel de ville, 1 place de la République",
      postalCode: "69120",
      city: "Jolieville",
      phone: "04 78 12 34 00",
      email: "regie@jolieville.test",
      siret: "216 909 999 00015",
    };
    await expect(admin.commune.setContact(contact)).resolves.toMatchObject({ siret: "21690999900015" });
    const bad: [string, string, string][] = [
      ["postalCode", "6912", messages.communeSettings.postalCodeInvalid],
      ["siret", "21690999900016", messages.communeSettings.siretInvalid],
      ["phone", "appelez-nous", messages.communeSettings.phoneInvalid],
      ["email", "régie@", messages.communeSettings.emailInvalid],
    ];
    for (const [field, value, message] of bad) {
      const { status, error } = await callHttp("commune.setContact", { ...contact, [field]: value }, { as: "admin@jolieville.test", commune: "jolieville" });
      expect(status).toBe(400);
      expect(error!.data.fieldErrors[field]).toBe(`${messages.fields[field]} : ${message}`);
    }
    expect(isSiret("21750001600019")).toBe(true);
    const family = await callerAs("voisin@recre.test", "jolieville");
    expect((await family.commune.access()).contact).toEqual({ ...contact, siret: "21690999900015", dpoContact: "", chequePayee: "" });
  });

  it("are printed in the invoice's header, with the family's activation code and the portal in its footer", async () => {
    const j = await tenantRow("jolieville");
    const [row] = await withPlatform((tx) => tx.select({ id: invoices.id }).from(invoices).where(and(eq(invoices.tenantId, j.id), eq(invoices.number, "2026-000002"))));
    const detail = await withTenant(j.id, (tx) => invoiceDetail(scopeOf(tx, j), { invoiceId: row!.id }));
    const pdf = await renderInvoicePdf(detail, j, { activationCode: DEMO_ACTIVATION_CODES["JOL-00057"] });
    if (!existsSync("/usr/bin/pdftotext")) return;
    const text = pdfText(pdf).replace(/\s+/g, " ");
    for (const expected of [
      "Commune de Jolieville",
      "Hôtel de ville, 1 place de la République",
      "69120 Jolieville",
      "Tél. 04 78 12 34 00",
      "E-mail regie@jolieville.test",
      "SIRET 21690999900015",
      "Famille Durand",
      "/compte",
      "Ajouter un dossier famille",
      "référence JOL-00057",
      `Code d'activation : ${DEMO_ACTIVATION_CODES["JOL-00057"]}`,
    ]) {
      expect(text).toContain(expected);
    }
    // The PDF a family downloads carries its current code.
    const file = await invoicePdfDownload(await userId("voisin@recre.test"), { commune: "jolieville", invoiceId: row!.id });
    expect(pdfText(Buffer.from(await file.arrayBuffer())).replace(/\s+/g, " ")).toContain(DEMO_ACTIVATION_CODES["JOL-00057"]);
  });

  it("may be given by the operator when opening a commune", async () => {
    const operator = await callerAs("operateur@recre.test");
    await operator.platform.createTenant({
      name: "Saint-Exemple",
      slug: "saint-exemple",
      holidayZone: "B",
      timeZone: "Europe/Paris",
      billingMode: "invoice",
      adminEmail: "maire@saint-exemple.test",
      adminName: "Maire Exemple",
      addressLine: "2 rue de la Mairie",
      postalCode: "44000",
      city: "Saint-Exemple",
      phone: "02 40 00 00 00",
      email: "mairie@saint-exemple.test",
      siret: "",
    });
    const [row] = await withPlatform((tx) => tx.select().from(tenants).where(eq(tenants.slug, "saint-exemple")));
    expect(row).toMatchObject({ addressLine: "2 rue de la Mairie", postalCode: "44000", city: "Saint-Exemple", phone: "02 40 00 00 00", email: "mairie@saint-exemple.test", siret: "" });
    const { status, error } = await callHttp(
      "platform.createTenant",
      { name: "Autre", slug: "autre-exemple", holidayZone: "B", timeZone: "Europe/Paris", billingMode: "invoice", adminEmail: "a@autre.test", adminName: "Admin Autre", postalCode: "ABCDE" },
      { as: "operateur@recre.test" },
    );
    expect(status).toBe(400);
    expect(Object.keys(error!.data.fieldErrors)).toEqual(["postalCode"]);
  });
});
