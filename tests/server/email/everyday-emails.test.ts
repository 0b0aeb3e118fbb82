import { and, eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { emailOutbox } from "@/db/schema";
import { withPlatform } from "@/db/transaction";
import { callerAs, loadDemo } from "../../fixtures/demo";
import { demoIds } from "../../fixtures/demo-ids";

let d: Awaited<ReturnType<typeof demoIds>>;

beforeAll(async () => {
  await loadDemo();
  d = await demoIds();
});
beforeEach(async () => {
  await withPlatform((tx) => tx.delete(emailOutbox).where(eq(emailOutbox.status, "pending")));
});

const mails = (template: string, to: string) => withPlatform((tx) => tx.select().from(emailOutbox).where(and(eq(emailOutbox.template, template), eq(emailOutbox.to, to))));

describe("the booking confirmation e-mail", () => {
  it("is one summary per validation, whatever the number of days, listing bookings and cancellations with their prices", async () => {
    const parent = await callerAs("parent@recre.test", "jolieville");
    const cantine = d.ids.Cantine!;
    const day = (childId: string, date: string, action: "book" | "cancel") => ({ childId, activityId: cantine, date, action });
    await parent.reservations.applyChanges({ changes: [day(d.ids.Sarah!, "2026-12-07", "book"), day(d.ids.Sarah!, "2026-12-08", "book"), day(d.ids["Chloé"]!, "2026-12-07", "book")] });
    const first = await mails("bookings-confirmed", "parent@recre.test");
    expect(first).toHaveLength(1);
    expect(first[0]!.subject).toBe("Vos réservations — Jolieville");
    expect(first[0]!.text).toMatch(/lundi 7 décembre — Chloé, Cantine : réservé \(2,10\s€\)/);
    expect(first[0]!.text).toMatch(/mardi 8 décembre — Sarah, Cantine : réservé/);
    expect(first[0]!.text).toMatch(/Total des jours réservés : 6,30\s€/);

    await parent.reservations.applyChanges({ changes: [day(d.ids.Sarah!, "2026-12-08", "cancel")] });
    const second = await mails("bookings-confirmed", "parent@recre.test");
    expect(second).toHaveLength(2);
    expect(second.map((m) => m.text).find((t) => t.includes("annulé"))).toMatch(/mardi 8 décembre — Sarah, Cantine : annulé/);
  });

  it("is not sent once the parent turns booking e-mails off on their account, and is again when turned back on", async () => {
    const account = await callerAs("voisin@recre.test");
    const voisin = await callerAs("voisin@recre.test", "jolieville");
    await account.family.setEmailPreferences({ bookingEmails: false });
    expect(await account.family.emailPreferences()).toEqual({ bookingEmails: false });
    await voisin.reservations.applyChanges({ changes: [{ childId: d.ids.Tom!, activityId: d.ids.Cantine!, date: "2026-12-10", action: "book" }] });
    expect(await mails("bookings-confirmed", "voisin@recre.test")).toHaveLength(0);
    await account.family.setEmailPreferences({ bookingEmails: true });
    await voisin.reservations.applyChanges({ changes: [{ childId: d.ids.Tom!, activityId: d.ids.Cantine!, date: "2026-12-11", action: "book" }] });
    expect(await mails("bookings-confirmed", "voisin@recre.test")).toHaveLength(1);
  });

  it("is not sent for days put in a prepaid basket (the payment confirms them)", async () => {
    const parent = await callerAs("parent@recre.test", "val-fleuri");
    await parent.reservations.applyChanges({ changes: [{ childId: d.ids.Louise!, activityId: d.ids["vf:Cantine"]!, date: "2026-12-07", action: "book" }] });
    expect(await mails("bookings-confirmed", "parent@recre.test")).toHaveLength(0);
  });
});

describe("the absence decision e-mail", () => {
  it("tells the family whether the front desk excused the absence", async () => {
    const agent = await callerAs("agent@jolieville.test", "jolieville");
    // Yesterday, booked by the front desk past the deadline: it can only be reported.
    await agent.bookingsOnBehalf.applyChanges({ changes: [{ childId: d.ids.Tom!, activityId: d.ids.Cantine!, date: "2026-11-24", action: "book" }], overrideReason: "Oubli" });
    const voisin = await callerAs("voisin@recre.test", "jolieville");
    await voisin.absences.report({ childId: d.ids.Tom!, activityId: d.ids.Cantine!, date: "2026-11-24", reason: "illness" });
    const [report] = await agent.absences.list({ status: "pending" });
    await agent.absences.review({ reportId: report!.id, decision: "accepted" });
    const sent = await mails("absence-decided", "voisin@recre.test");
    expect(sent.map((m) => m.subject)).toEqual(["Absence de Tom excusée"]);
    expect(sent[0]!.text).toContain("mardi 24 novembre");
  });
});
