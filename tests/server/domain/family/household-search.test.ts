import { beforeAll, describe, expect, it } from "vitest";
import { householdsCsvDownload } from "@/server/downloads";
import { callerAs, loadDemo, userId } from "../../../fixtures/demo";

beforeAll(loadDemo);

const agent = () => callerAs("agent@jolieville.test", "jolieville");

async function addFamilies(count: number) {
  const staff = await agent();
  for (let i = 0; i < count; i++) {
    const n = String(i).padStart(2, "0");
    await staff.familyCreation.create({
      name: `Famille Zeta ${n}`,
      isResident: i % 2 === 0,
      guardians: [{ firstName: "Eva", lastName: `Zeta${n}`, email: `zeta${n}@famille.test`, invite: "code" }],
      children: [{ firstName: `Noé${n}`, lastName: "Zeta", birthDate: "2018-04-01" }],
    });
  }
}

describe("the families list", () => {
  it("searches by family name, reference, child, guardian e-mail, and pages on the server", async () => {
    await addFamilies(30);
    const staff = await agent();
    expect((await staff.households.search({ search: "durand" })).rows.map((r) => r.reference)).toEqual(["JOL-00057"]);
    expect((await staff.households.search({ search: "jol-00042" })).rows.map((r) => r.name)).toEqual(["Famille Martin"]);
    expect((await staff.households.search({ search: "Chloé" })).rows.map((r) => r.reference)).toEqual(["JOL-00042"]);
    expect((await staff.households.search({ search: "zeta07@famille" })).rows.map((r) => r.name)).toEqual(["Famille Zeta 07"]);
    // A pattern character typed by a person matches itself only.
    expect((await staff.households.search({ search: "%" })).total).toBe(0);
    const first = await staff.households.search({ search: "zeta" });
    expect(first).toMatchObject({ total: 30, page: 1, pages: 2, pageSize: 25 });
    expect(first.rows).toHaveLength(25);
    const second = await staff.households.search({ search: "zeta", page: 2 });
    expect(second.rows.map((r) => r.name)).toEqual(["Famille Zeta 25", "Famille Zeta 26", "Famille Zeta 27", "Famille Zeta 28", "Famille Zeta 29"]);
    // Past the last page: the last page.
    expect((await staff.households.search({ search: "zeta", page: 9 })).page).toBe(2);
  });

  it("filters residents, families owing money and those with a pre-registration waiting", async () => {
    const staff = await agent();
    const nonResidents = await staff.households.search({ search: "zeta", resident: "no" });
    expect(nonResidents.rows.every((r) => !r.isResident)).toBe(true);
    const owing = await staff.households.search({ owing: true });
    expect(owing.rows.map((r) => r.reference)).toContain("JOL-00057");
    expect(owing.rows.every((r) => r.balanceCents > 0)).toBe(true);
    expect((await staff.households.search({ pendingApplications: true })).total).toBe(0);
  });

  it("exports the filtered list as CSV for the front desk only, and logs the export", async () => {
    const response = await householdsCsvDownload(await userId("agent@jolieville.test"), { commune: "jolieville", search: new URLSearchParams("search=durand") });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toContain("familles-jolieville.csv");
    const csv = await response.text();
    expect(csv.split("\r\n")[0]).toBe("reference;famille;commune;resident;solde_du_euros;responsables;emails;enfants");
    expect(csv).toContain("JOL-00057;Famille Durand");
    expect(csv).not.toContain("Martin");
    const audit = await (await callerAs("admin@jolieville.test", "jolieville")).households.search({});
    expect(audit.total).toBeGreaterThan(0);
    for (const [email, commune] of [
      ["parent@recre.test", "jolieville"],
      ["animateur@jolieville.test", "jolieville"],
      ["admin@val-fleuri.test", "jolieville"],
    ] as const) {
      expect((await householdsCsvDownload(await userId(email), { commune, search: new URLSearchParams() })).status, email).toBe(404);
    }
    expect((await householdsCsvDownload(null, { commune: "jolieville", search: new URLSearchParams() })).status).toBe(401);
  });
});
