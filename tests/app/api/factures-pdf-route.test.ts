import { beforeAll, describe, expect, it, vi } from "vitest";
import { callerAs, loadDemo, userId } from "../../fixtures/demo";
import { demoIds } from "../../fixtures/demo-ids";

// The route reads the session through Auth.js; here the session is whoever the test says.
const session = vi.hoisted(() => ({ current: null as { user: { id: string } } | null }));
vi.mock("@/server/auth", () => ({ auth: async () => session.current }));

const { GET } = await import("@/app/api/factures/[commune]/[invoiceId]/pdf/route");

let martinInvoice: string;
beforeAll(async () => {
  await loadDemo();
  const { ids } = await demoIds();
  martinInvoice = (await (await callerAs("agent@jolieville.test", "jolieville")).invoices.householdInvoices({ householdId: ids["JOL-00042"]! }))[0]!.id;
});

const get = async (email: string | null, commune: string, invoiceId: string) => {
  session.current = email ? { user: { id: await userId(email) } } : null;
  return GET(new Request(`http://localhost/api/factures/${commune}/${invoiceId}/pdf`), { params: Promise.resolve({ commune, invoiceId }) });
};

describe("GET /api/factures/{commune}/{invoiceId}/pdf", () => {
  it("serves the session's own family invoice, and 404 to a parent of another family", async () => {
    const mine = await get("parent@recre.test", "jolieville", martinInvoice);
    expect(mine.status).toBe(200);
    expect(mine.headers.get("content-disposition")).toMatch(/^attachment; filename="facture-2026-\d{6}\.pdf"/);
    expect(mine.headers.get("x-content-type-options")).toBe("nosniff");
    expect((await get("voisin@recre.test", "jolieville", martinInvoice)).status).toBe(404);
    expect((await get("parent@recre.test", "val-fleuri", martinInvoice)).status).toBe(404);
    expect((await get(null, "jolieville", martinInvoice)).status).toBe(401);
  });
});
