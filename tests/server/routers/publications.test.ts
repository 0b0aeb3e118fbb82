import { beforeAll, describe, expect, it } from "vitest";
import { messages } from "@/common/messages";
import { createTenant } from "@/server/domain/tenants/tenants";
import { withScope, systemActor } from "@/server/domain/scope";
import { listCategories } from "@/server/domain/requests/categories";
import { GET as documentRoute } from "@/app/api/documents/[commune]/[documentId]/route";
import { callerAs, loadDemo } from "../../fixtures/demo";

beforeAll(async () => {
  await loadDemo();
});

const pdf = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
const download = (commune: string, documentId: string) => documentRoute(new Request("http://localhost/"), { params: Promise.resolve({ commune, documentId }) });

describe("Jolieville's public page", () => {
  it("shows an anonymous visitor the services with their current tariffs, the menus, the contacts and the opening hours", async () => {
    const page = await (await callerAs(null)).publications.publicPage({ slug: "jolieville" });
    const cantine = page.services.find((s) => s.name === "Cantine")!;
    expect(cantine.tariff[0]?.[0]).toBe("Résidents");
    expect(cantine.tariff[0]?.[1]).toMatch(/€/);
    expect(page.contact).toMatchObject({ phone: "04 78 12 34 00", email: "enfance@jolieville.test", city: "Jolieville" });
    expect(page.contact).not.toHaveProperty("siret");
    expect(page.openingHours).toContain("Mercredi");
    const menu = page.documents.find((doc) => doc.category === "menu")!;
    expect(menu.title).toMatch(/Menus/);
    const response = await download("jolieville", menu.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(Buffer.from(await response.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");
    // A document is served under its own commune only.
    expect((await download("val-fleuri", menu.id)).status).toBe(404);
  });
});

describe("news", () => {
  it("is shown to families from its start until its end, scheduled ones later", async () => {
    const admin = await callerAs("admin@jolieville.test", "jolieville");
    await admin.publications.saveNews({ title: "Inscriptions d'été", body: "Dès le 1er mars.", publishFrom: new Date("2027-02-01T08:00:00Z") });
    await expect(admin.publications.saveNews({ title: "x", body: "", publishFrom: new Date("2027-02-01T08:00:00Z"), publishUntil: new Date("2027-01-01T08:00:00Z") })).rejects.toMatchObject({
      message: messages.demandes.publications.untilBeforeFrom,
    });
    const family = await (await callerAs("parent@recre.test", "jolieville")).publications.forFamily();
    expect(family.news.map((n) => n.title)).toEqual(["Repas de Noël à la cantine"]);
    expect((await admin.publications.staff()).news.find((n) => n.title === "Inscriptions d'été")?.state).toBe("scheduled");
  });
});

describe("documents", () => {
  it("are published by admins with a checked file, and withdrawn", async () => {
    const admin = await callerAs("admin@jolieville.test", "jolieville");
    await expect(
      admin.publications.publishDocument({ title: "Tarifs", category: "tariffs", file: { name: "t.pdf", type: "application/pdf", base64: Buffer.from("%PDF-1.4\n<script>x</script>\n%%EOF").toString("base64") } }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const { documentId } = await admin.publications.publishDocument({ title: "Tarifs 2026-2027", category: "tariffs", file: { name: "tarifs.pdf", type: "application/pdf", base64: pdf.toString("base64") } });
    expect((await (await callerAs(null)).publications.publicPage({ slug: "jolieville" })).documents.map((doc) => doc.title)).toContain("Tarifs 2026-2027");
    await admin.publications.withdrawDocument({ documentId });
    expect((await download("jolieville", documentId)).status).toBe(404);
  });
});

describe("a new commune", () => {
  it("starts with the starter request categories", async () => {
    const tenant = await createTenant({
      name: "Bourg-Neuf",
      slug: "bourg-neuf",
      holidayZone: "B",
      timeZone: "Europe/Paris",
      publicHolidayRegion: "FR",
      billingMode: "invoice",
      adminEmail: "admin@bourg-neuf.test",
      adminName: "Admin",
    });
    const categories = await withScope(tenant, systemActor, (scope) => listCategories(scope));
    expect(categories.map((c) => c.kind)).toEqual(["address_change", "invoice_dispute", "attendance_certificate", "pickup_authorisation", "question"]);
  });
});
