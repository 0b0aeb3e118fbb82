import { beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "@/db/transaction";
import { mealCounts, mealCountsCsv } from "@/server/domain/attendance/meals";
import { messages } from "@/common/messages";
import { loadDemo, userId } from "../../../fixtures/demo";
import { book, demoIds, scopeOf } from "../../../fixtures/demo-ids";

let d: Awaited<ReturnType<typeof demoIds>>;

beforeAll(async () => {
  await loadDemo();
  d = await demoIds();
  const cantine = (child: string, date: string) => ({ childId: d.ids[child]!, activityId: d.ids.Cantine!, date, action: "book" as const });
  await book(d.jolieville, d.parent, [cantine("Sarah", "2026-12-03"), cantine("Chloé", "2026-12-03"), cantine("Sarah", "2026-12-04")]);
  await book(d.jolieville, d.voisin, [cantine("Tom", "2026-12-03"), cantine("Tom", "2026-12-04")]);
  // Cancelled: not cooked.
  await book(d.jolieville, d.parent, [cantine("Sarah", "2026-12-04")].map((c) => ({ ...c, action: "cancel" as const })));
  // A day at the leisure centre is not a meal.
  await book(d.jolieville, d.parent, [{ childId: d.ids.Sarah!, activityId: d.ids["Mercredi loisirs"]!, date: "2026-12-09", action: "book" }]);
  // Another commune's canteen (prepaid: booked at the front desk, so confirmed without going through the basket).
  await book(d.valFleuri, { userId: await userId("admin@val-fleuri.test"), role: "staff", householdIds: [], staffRoles: ["admin"] }, [{ childId: d.ids.Louise!, activityId: d.ids["vf:Cantine"]!, date: "2026-12-03", action: "book" }]);
});

const counts = (from: string, to: string, siteId?: string) => withTenant(d.jolieville.id, (tx) => mealCounts(scopeOf(tx, d.jolieville), { from, to, siteId }));

describe("meal counts", () => {
  it("counts confirmed meals per site and day with diets, PAI and allergies broken out", async () => {
    const result = await counts("2026-11-30", "2026-12-11");
    expect(result.rows).toEqual([
      {
        date: "2026-12-03",
        siteId: d.ids["Restaurant scolaire Jules Ferry"],
        siteName: "Restaurant scolaire Jules Ferry",
        meals: 3,
        standard: 2,
        sansPorc: 0,
        sansViande: 0,
        vegetarien: 1,
        pai: 1,
        allergies: 1,
      },
      {
        date: "2026-12-04",
        siteId: d.ids["Restaurant scolaire Jules Ferry"],
        siteName: "Restaurant scolaire Jules Ferry",
        meals: 1,
        standard: 0,
        sansPorc: 0,
        sansViande: 0,
        vegetarien: 1,
        pai: 0,
        allergies: 0,
      },
    ]);
    expect(result.totals).toEqual({ meals: 4, standard: 2, sansPorc: 0, sansViande: 0, vegetarien: 2, pai: 1, allergies: 1 });
  });

  it("filters by site and never counts another commune's meals", async () => {
    expect((await counts("2026-11-30", "2026-12-11", d.ids["Accueil de loisirs Jules Verne"])).rows).toEqual([]);
    expect((await counts("2026-11-30", "2026-12-11", d.ids["Cantine Les Lutins Gourmands"])).rows).toEqual([]);
    const valFleuri = await withTenant(d.valFleuri.id, (tx) => mealCounts(scopeOf(tx, d.valFleuri), { from: "2026-12-03", to: "2026-12-03" }));
    expect(valFleuri.rows.map((r) => [r.siteName, r.meals, r.sansPorc])).toEqual([["Cantine Les Lutins Gourmands", 1, 1]]);
  });

  it("refuses a reversed or too long range in French", async () => {
    await expect(counts("2026-12-10", "2026-12-01")).rejects.toMatchObject({ code: "BAD_REQUEST", message: messages.attendance.endBeforeStart, field: "to" });
    await expect(counts("2026-09-01", "2026-12-01")).rejects.toMatchObject({ code: "BAD_REQUEST", message: messages.attendance.rangeTooLong, field: "to" });
  });

  it("exports a CSV Excel opens as is: BOM, semicolons, French headers and dates, a total line", async () => {
    const csv = mealCountsCsv(await counts("2026-11-30", "2026-12-11"));
    expect(csv.filename).toBe("repas-2026-11-30-au-2026-12-11.csv");
    expect(csv.content.startsWith("\uFEFF")).toBe(true);
    expect(csv.content.slice(1).split("\r\n")).toEqual([
      "Date;Jour;Site;Repas;Standard;Sans porc;Sans viande;Végétarien;PAI;Allergies",
      "03/12/2026;jeudi;Restaurant scolaire Jules Ferry;3;2;0;0;1;1;1",
      "04/12/2026;vendredi;Restaurant scolaire Jules Ferry;1;0;0;0;1;0;0",
      "Total;;;4;2;0;0;2;1;1",
      "",
    ]);
  });

  it("quotes names with separators and never lets a cell start a formula", () => {
    const row = { date: "2026-12-03", siteId: "x", meals: 1, standard: 1, sansPorc: 0, sansViande: 0, vegetarien: 0, pai: 0, allergies: 0 };
    const csv = mealCountsCsv({
      from: "2026-12-03",
      to: "2026-12-03",
      rows: [
        { ...row, siteName: 'Cantine "Les Pins"; annexe' },
        { ...row, siteName: "=HYPERLINK(\"x\")" },
      ],
      totals: { meals: 2, standard: 2, sansPorc: 0, sansViande: 0, vegetarien: 0, pai: 0, allergies: 0 },
    });
    const lines = csv.content.split("\r\n");
    expect(lines[1]).toBe('03/12/2026;jeudi;"Cantine ""Les Pins""; annexe";1;1;0;0;0;0;0');
    expect(lines[2]).toBe("03/12/2026;jeudi;\"'=HYPERLINK(\"\"x\"\")\";1;1;0;0;0;0;0");
  });
});
