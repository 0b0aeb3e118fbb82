import { beforeAll, describe, expect, it } from "vitest";
import { messages } from "@/common/messages";
import { invoicePdfDownload, mealCountsCsvDownload } from "@/server/downloads";
import { callerAs, loadDemo, userId } from "../fixtures/demo";
import { demoIds } from "../fixtures/demo-ids";

let durandInvoice: string;
let martinInvoice: string;

beforeAll(async () => {
  await loadDemo();
  const { ids } = await demoIds();
  const agent = await callerAs("agent@jolieville.test", "jolieville");
  durandInvoice = (await agent.invoices.householdInvoices({ householdId: ids["JOL-00057"]! }))[0]!.id;
  martinInvoice = (await agent.invoices.householdInvoices({ householdId: ids["JOL-00042"]! }))[0]!.id;
});

const pdfAs = async (email: string | null, commune: string, invoiceId: string) =>
  invoicePdfDownload(email ? await userId(email) : null, { commune, invoiceId });

describe("the invoice PDF download", () => {
  it("gives a family its own invoice as an attachment the browser must not sniff", async () => {
    const response = await pdfAs("voisin@recre.test", "jolieville", durandInvoice);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="facture-2026-000002.pdf"; filename*=UTF-8''facture-2026-000002.pdf`);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(Buffer.from(await response.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("gives the front desk (agent, admin) any invoice of its commune", async () => {
    for (const email of ["agent@jolieville.test", "admin@jolieville.test"]) {
      const response = await pdfAs(email, "jolieville", martinInvoice);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-disposition")).toContain("attachment");
    }
  });

  it("answers 404, the same as for no invoice, to another family, a site agent and another commune's staff or families", async () => {
    for (const [email, commune] of [
      ["voisin@recre.test", "jolieville"],
      ["animateur@jolieville.test", "jolieville"],
      ["admin@val-fleuri.test", "jolieville"],
      ["admin@val-fleuri.test", "val-fleuri"],
      ["parent@recre.test", "val-fleuri"],
    ] as const) {
      const response = await pdfAs(email, commune, martinInvoice);
      expect(response.status, `${email} on ${commune}`).toBe(404);
      expect(await response.text()).toBe(messages.errors.NOT_FOUND);
    }
    expect((await pdfAs("parent@recre.test", "jolieville", "00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await pdfAs("parent@recre.test", "jolieville", "pas-un-identifiant")).status).toBe(404);
    expect((await pdfAs("parent@recre.test", "nulle-part", martinInvoice)).status).toBe(404);
  });

  it("asks for a session first", async () => {
    const response = await pdfAs(null, "jolieville", martinInvoice);
    expect(response.status).toBe(401);
    expect(await response.text()).toBe(messages.errors.UNAUTHORIZED);
  });
});

const csvAs = async (email: string, commune: string, query: Record<string, string>) =>
  mealCountsCsvDownload(await userId(email), { commune, search: new URLSearchParams(query) });

describe("the meal counts CSV download", () => {
  it("gives site staff the counts as a CSV file for Excel", async () => {
    for (const email of ["agent@jolieville.test", "animateur@jolieville.test"]) {
      const response = await csvAs(email, "jolieville", { from: "2026-11-30", to: "2026-12-06" });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(response.headers.get("content-disposition")).toContain('attachment; filename="repas-2026-11-30-au-2026-12-06.csv"');
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      // The byte-order mark stays: Excel needs it to read UTF-8.
      const content = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer());
      expect(content.startsWith("\uFEFFDate;Jour;Site;Repas;")).toBe(true);
      expect(content).toMatch(/\r\nTotal;;;\d+;/);
    }
  });

  it("refuses families and another commune's staff with a 404", async () => {
    expect((await csvAs("parent@recre.test", "jolieville", { from: "2026-11-30", to: "2026-12-06" })).status).toBe(404);
    expect((await csvAs("admin@val-fleuri.test", "jolieville", { from: "2026-11-30", to: "2026-12-06" })).status).toBe(404);
  });

  it("says in French what is wrong with the dates, with a 400", async () => {
    const missing = await csvAs("agent@jolieville.test", "jolieville", { from: "2026-11-30" });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toBe(messages.attendance.invalidRange);
    const tooLong = await csvAs("agent@jolieville.test", "jolieville", { from: "2026-01-01", to: "2026-12-31" });
    expect(tooLong.status).toBe(400);
    expect(await tooLong.text()).toBe(messages.attendance.rangeTooLong);
  });
});
