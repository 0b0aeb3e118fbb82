import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "@/db/transaction";
import { allocationRounds, auditEvents } from "@/db/schema";
import { defaultCriteria } from "@/common/allocation";
import { callerAs, loadDemo } from "../../../fixtures/demo";
import { demoIds, type DemoIds } from "../activities/helpers";

/* A first-come round after its creation: staff see it, change its opening and residents' early opening, and delete it. */
let j: DemoIds;
const admin = () => callerAs("admin@jolieville.test", "jolieville");

beforeAll(async () => {
  await loadDemo();
  j = await demoIds("jolieville");
});

async function newRound(mode: "first_come" | "application" = "first_come") {
  return (await admin()).allocation.create({
    activityId: j.activity["Accueil du mercredi"] ?? Object.values(j.activity)[0]!,
    roundLabel: "Mercredis de janvier",
    mode,
    periodFrom: "2027-01-06",
    periodTo: "2027-01-27",
    opensDate: "2026-12-07",
    opensTime: "09:00",
    closesDate: "2027-01-27",
    closesTime: "18:00",
    residentsOpensDate: "",
    residentsOpensTime: "",
    criteria: { ...defaultCriteria },
  });
}

const stored = (roundId: string) => withTenant(j.tenant.id, async (tx) => (await tx.select().from(allocationRounds).where(and(eq(allocationRounds.tenantId, j.tenant.id), eq(allocationRounds.id, roundId))))[0]);

describe("a first-come round after its creation", () => {
  it("changes its opening and residents' early opening once open, and shows them", async () => {
    const round = await newRound();
    const api = await admin();
    await api.allocation.open({ roundId: round.id });
    await api.allocation.updateFirstCome({ roundId: round.id, roundLabel: "Mercredis de janvier (reporté)", opensDate: "2026-12-09", opensTime: "10:30", residentsOpensDate: "2026-12-08", residentsOpensTime: "08:00" });
    const { round: shown } = await api.allocation.get({ roundId: round.id });
    expect(shown).toMatchObject({ label: "Mercredis de janvier (reporté)", status: "open", opensAt: new Date("2026-12-09T09:30:00Z"), residentsOpensAt: new Date("2026-12-08T07:00:00Z") });
    // No early opening any more: the field left empty.
    await api.allocation.updateFirstCome({ roundId: round.id, roundLabel: "Mercredis de janvier", opensDate: "2026-12-09", opensTime: "10:30", residentsOpensDate: "", residentsOpensTime: "" });
    expect((await stored(round.id))!.residentsOpensAt).toBeNull();
    const audit = await withTenant(j.tenant.id, (tx) => tx.select().from(auditEvents).where(and(eq(auditEvents.tenantId, j.tenant.id), eq(auditEvents.action, "allocation.round_updated"))));
    expect(audit).toHaveLength(2);
  });

  it("refuses a residents' opening after the general one in French, naming the field, and changes nothing", async () => {
    const round = await newRound();
    const api = await admin();
    await expect(
      api.allocation.updateFirstCome({ roundId: round.id, roundLabel: "X", opensDate: "2026-12-09", opensTime: "10:30", residentsOpensDate: "2026-12-10", residentsOpensTime: "08:00" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/residentsOpensDate[\s\S]*l'ouverture anticipée des résidents doit précéder l'ouverture générale|l'ouverture anticipée des résidents doit précéder l'ouverture générale[\s\S]*residentsOpensDate/) });
    await expect(api.allocation.updateFirstCome({ roundId: round.id, roundLabel: "X", opensDate: "2027-02-01", opensTime: "10:30" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("l'ouverture doit précéder la fin du tour"),
    });
    expect(await stored(round.id)).toMatchObject({ label: "Mercredis de janvier", opensAt: round.opensAt });
  });

  it("is deleted by an admin; a round by application only while in draft; an agent may not", async () => {
    const api = await admin();
    const firstCome = await newRound();
    await api.allocation.open({ roundId: firstCome.id });
    await expect((await callerAs("agent@jolieville.test", "jolieville")).allocation.remove({ roundId: firstCome.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await api.allocation.remove({ roundId: firstCome.id });
    expect(await stored(firstCome.id)).toBeUndefined();
    await expect(api.allocation.get({ roundId: firstCome.id })).rejects.toMatchObject({ code: "NOT_FOUND" });

    const byApplication = await newRound("application");
    await api.allocation.open({ roundId: byApplication.id });
    await expect(api.allocation.remove({ roundId: byApplication.id })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(api.allocation.updateFirstCome({ roundId: byApplication.id, roundLabel: "X", opensDate: "2026-12-09", opensTime: "10:30" })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await stored(byApplication.id)).toMatchObject({ status: "open" });
  });
});
