import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { children, quotients, tariffs } from "@/db/schema";
import { withPlatform } from "@/db/transaction";
import { callerAs, loadDemo } from "../../fixtures/demo";
import { callHttp } from "../../fixtures/http";
import { demoIds, type DemoIds } from "../domain/activities/helpers";

const ADMIN = "admin@jolieville.test";
const AGENT = "agent@jolieville.test";
const PARENT = "parent@recre.test";
const VOISIN = "voisin@recre.test";

type Caller = Awaited<ReturnType<typeof callerAs>>;

let j: DemoIds;
let martin: string;
let durand: string;
let cantineTariff: string;

beforeAll(async () => {
  await loadDemo();
  j = await demoIds("jolieville");
  const householdOf = async (childId: string) =>
    (await withPlatform((tx) => tx.select({ id: children.householdId }).from(children).where(eq(children.id, childId))))[0]!.id;
  martin = await householdOf(j.child.Sarah!);
  durand = await householdOf(j.child.Tom!);
  cantineTariff = (await withPlatform((tx) => tx.select({ id: tariffs.id }).from(tariffs).where(eq(tariffs.activityId, j.activity.Cantine!))))[0]!.id;
});

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "ok",
    (e: { code?: string }) => e.code ?? "?",
  );

const unitPricing = { resident: { kind: "unit" as const, cents: 300 }, nonResident: { kind: "unit" as const, cents: 400 } };

/** One harmless call per procedure (a tariff on a far date, a quotient in the past). */
const calls: Record<string, (c: Caller) => Promise<unknown>> = {
  "tariffs.list": (c) => c.tariffs.list({ activityId: j.activity.Cantine! }),
  "tariffs.add": (c) => c.tariffs.add({ activityId: j.activity["Garderie du soir"]!, validFrom: "2027-06-01", pricing: unitPricing }),
  "tariffs.delete": (c) => c.tariffs.delete({ tariffId: cantineTariff }),
  "quotients.ofHousehold": (c) => c.quotients.ofHousehold({ householdId: durand }),
  "quotients.recordCaf": (c) =>
    c.quotients.recordCaf({ householdId: durand, value: 500, attestationDate: "2025-01-10", validFrom: "2025-01-01", validTo: "2025-06-30" }),
  "quotients.recordFiscal": (c) =>
    c.quotients.recordFiscal({ householdId: durand, annualIncomeCents: 2_400_000, monthlyBenefitsCents: 0, parts: 2, validFrom: "2025-01-01", validTo: "2025-06-30" }),
  "quotients.mine": (c) => c.quotients.mine(),
};

describe("who may call the tariff and quotient procedures", () => {
  it("admins everything; agents read tariffs and keep quotients; parents only their own QF; other communes nothing", async () => {
    const matrix: Record<string, Record<string, string>> = {};
    const who: [string, string | null, string][] = [
      ["admin", ADMIN, "jolieville"],
      ["agent", AGENT, "jolieville"],
      ["parent", PARENT, "jolieville"],
      ["vfAdmin", "admin@val-fleuri.test", "jolieville"],
      ["vfAdminHome", "admin@val-fleuri.test", "val-fleuri"],
      ["anonymous", null, "jolieville"],
    ];
    for (const [name, email, commune] of who) {
      const caller = await callerAs(email, commune);
      for (const [path, call] of Object.entries(calls)) (matrix[path] ??= {})[name] = await codeOf(call(caller));
    }
    expect(matrix).toEqual({
      "tariffs.list": { admin: "ok", agent: "ok", parent: "NOT_FOUND", vfAdmin: "NOT_FOUND", vfAdminHome: "NOT_FOUND", anonymous: "UNAUTHORIZED" },
      "tariffs.add": { admin: "ok", agent: "NOT_FOUND", parent: "NOT_FOUND", vfAdmin: "NOT_FOUND", vfAdminHome: "NOT_FOUND", anonymous: "UNAUTHORIZED" },
      // A tariff in force cannot be deleted, even by an admin.
      "tariffs.delete": { admin: "CONFLICT", agent: "NOT_FOUND", parent: "NOT_FOUND", vfAdmin: "NOT_FOUND", vfAdminHome: "NOT_FOUND", anonymous: "UNAUTHORIZED" },
      "quotients.ofHousehold": { admin: "ok", agent: "ok", parent: "NOT_FOUND", vfAdmin: "NOT_FOUND", vfAdminHome: "NOT_FOUND", anonymous: "UNAUTHORIZED" },
      "quotients.recordCaf": { admin: "ok", agent: "ok", parent: "NOT_FOUND", vfAdmin: "NOT_FOUND", vfAdminHome: "NOT_FOUND", anonymous: "UNAUTHORIZED" },
      "quotients.recordFiscal": { admin: "ok", agent: "ok", parent: "NOT_FOUND", vfAdmin: "NOT_FOUND", vfAdminHome: "NOT_FOUND", anonymous: "UNAUTHORIZED" },
      "quotients.mine": { admin: "NOT_FOUND", agent: "NOT_FOUND", parent: "ok", vfAdmin: "NOT_FOUND", vfAdminHome: "NOT_FOUND", anonymous: "UNAUTHORIZED" },
    });
  });

  it("shows a parent only their own households' QF, per commune", async () => {
    const mine = await (await callerAs(PARENT, "jolieville")).quotients.mine();
    expect(mine.map((q) => [q.householdId, q.value, q.current])).toEqual([[martin, 650, true]]);
    const voisin = await (await callerAs(VOISIN, "jolieville")).quotients.mine();
    expect(voisin.every((q) => q.householdId === durand)).toBe(true);
    expect(voisin.map((q) => q.value)).not.toContain(650);
    const vf = await (await callerAs(PARENT, "val-fleuri")).quotients.mine();
    expect(vf.map((q) => q.value)).toEqual([650]);
    expect(vf[0]!.householdId).not.toBe(martin);
  });
});

describe("bad input", () => {
  const post = (path: string, input: object) => callHttp(path, input, { as: ADMIN, commune: "jolieville" });

  it.each([
    ["an invalid date", "tariffs.add", { validFrom: "2027-13-01", pricing: unitPricing }, "validFrom", "Applicable à partir du : date invalide"],
    ["a negative price", "tariffs.add", { validFrom: "2027-02-01", pricing: { ...unitPricing, resident: { kind: "unit", cents: -5 } } }, "pricing.resident.cents", "Prix : "],
    [
      "brackets out of order",
      "tariffs.add",
      { validFrom: "2027-02-01", pricing: { ...unitPricing, resident: { kind: "brackets", brackets: [{ upTo: 700, cents: 1 }, { upTo: 400, cents: 2 }, { upTo: null, cents: 3 }] } } },
      "pricing.resident.brackets.1.upTo",
      "Borne de la tranche (moins de) : les bornes des tranches doivent être croissantes",
    ],
    ["a validity ending first", "quotients.recordCaf", { value: 500, attestationDate: "2026-01-10", validFrom: "2026-06-01", validTo: "2026-01-01" }, "validTo", "Valable jusqu'au : la fin de validité précède son début"],
    ["a QF below zero", "quotients.recordCaf", { value: -1, attestationDate: "2026-01-10", validFrom: "2026-01-01", validTo: "2026-12-31" }, "value", "Quotient familial : "],
    [
      "parts not in quarters",
      "quotients.recordFiscal",
      { annualIncomeCents: 100, monthlyBenefitsCents: 0, parts: 1.3, validFrom: "2026-01-01", validTo: "2026-12-31" },
      "parts",
      "Nombre de parts : nombre de parts par quart",
    ],
    [
      "missing parts",
      "quotients.recordFiscal",
      { annualIncomeCents: 100, monthlyBenefitsCents: 0, validFrom: "2026-01-01", validTo: "2026-12-31" },
      "parts",
      "Nombre de parts : obligatoire",
    ],
  ] as const)("refuses %s with BAD_REQUEST naming the field in French, and writes nothing", async (_, path, input, field, text) => {
    const before = await withPlatform(async (tx) => ({ t: await tx.select().from(tariffs), q: await tx.select().from(quotients) }));
    const target = path === "tariffs.add" ? { activityId: j.activity.Cantine! } : { householdId: durand };
    const { status, error } = await post(path, { ...target, ...input });
    expect(status).toBe(400);
    expect(error?.data.code).toBe("BAD_REQUEST");
    expect(error?.message).toContain(text);
    expect({ ...error!.data.fieldErrors, ...(error!.data.field ? { [error!.data.field]: error!.message } : {}) }[field]).toContain(text);
    expect(error?.data.stack).toBeUndefined();
    const after = await withPlatform(async (tx) => ({ t: await tx.select().from(tariffs), q: await tx.select().from(quotients) }));
    expect(after).toEqual(before);
  });
});
