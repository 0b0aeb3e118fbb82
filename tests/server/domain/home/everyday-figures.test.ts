import { beforeAll, describe, expect, it } from "vitest";
import { activities } from "@/db/schema";
import { withPlatform } from "@/db/transaction";
import { callerAs, loadDemo, tenantId } from "../../../fixtures/demo";
import { demoIds } from "../../../fixtures/demo-ids";

let d: Awaited<ReturnType<typeof demoIds>>;
const act: Record<string, string> = {};

beforeAll(async () => {
  await loadDemo();
  d = await demoIds();
  const rows = await withPlatform((tx) => tx.select({ id: activities.id, name: activities.name, tenantId: activities.tenantId }).from(activities));
  const j = await tenantId("jolieville");
  for (const r of rows) act[`${r.tenantId === j ? "j" : "v"}:${r.name}`] = r.id;
});

describe("the month in progress (« à facturer »), at the demo's clock (25 November, November invoiced)", () => {
  it("is December's invoice to come, computed as the run will: days booked, amount, around the 27th; a cancellation takes its day off", async () => {
    const voisin = await callerAs("voisin@recre.test", "jolieville");
    // Tom's full Wednesday (16 December, highest bracket: 15,00 €) is booked in the demo.
    expect(await voisin.home.monthsInProgress()).toEqual([
      expect.objectContaining({ period: "2026-12", periodLabel: "Décembre 2026", mode: "advance", days: 1, amountCents: 1500, invoiceAround: "2026-11-27" }),
    ]);
    const cantine = act["j:Cantine"]!;
    const change = (date: string, action: "book" | "cancel") => ({ childId: d.ids.Tom!, activityId: cantine, date, action });
    await voisin.reservations.applyChanges({ changes: [change("2026-12-07", "book"), change("2026-12-08", "book"), change("2027-01-05", "book")] });
    // No QF on file: the canteen's highest bracket, 3,90 € a day.
    const [december, january] = await voisin.home.monthsInProgress();
    expect(december).toMatchObject({ period: "2026-12", days: 3, amountCents: 1500 + 2 * 390 });
    expect(january).toMatchObject({ period: "2027-01", days: 1, amountCents: 390, invoiceAround: "2026-12-27" });
    await voisin.reservations.applyChanges({ changes: [change("2026-12-08", "cancel")] });
    expect((await voisin.home.monthsInProgress())[0]).toMatchObject({ days: 2, amountCents: 1500 + 390 });
  });

  it("is nothing in a prepaid commune, where the basket is paid at once", async () => {
    expect(await (await callerAs("parent@recre.test", "val-fleuri")).home.monthsInProgress()).toEqual([]);
  });
});

describe("a family's home in a commune", () => {
  it("shows the next booked days, what is due, next month's booking deadlines and what waits for the town hall", async () => {
    const voisin = await callerAs("voisin@recre.test", "jolieville");
    const home = await voisin.home.overview();
    expect(home.nextDays[0]).toMatchObject({ childFirstName: "Tom", activityName: "Cantine", date: "2026-12-07" });
    // November's invoice is unpaid: 15,60 €.
    expect(home.balanceCents).toBe(1560);
    expect(home.basket).toBeNull();
    expect(home.deadlines.map((x) => [x.activityName, x.month, x.firstDay])).toEqual([
      ["Cantine", "2026-12", "2026-12-01"],
      ["Mercredi loisirs", "2026-12", "2026-12-02"],
    ]);
    expect(home.deadlines[0]!.deadline.toISOString()).toBe("2026-11-25T22:59:00.000Z");

    const parent = await callerAs("parent@recre.test", "val-fleuri");
    await parent.reservations.requestEnrolment({ childId: d.ids.Louise!, activityId: act["v:Centre de loisirs des vacances"]! });
    const valFleuri = await parent.home.overview();
    expect(valFleuri.pendingEnrolments).toEqual([{ childFirstName: "Louise", activityName: "Centre de loisirs des vacances" }]);
    // The 3,60 € credit note: credit on the account, nothing due.
    expect(valFleuri.balanceCents).toBe(-360);
  });
});
