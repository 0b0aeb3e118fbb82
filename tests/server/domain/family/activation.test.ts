import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { beforeAll, describe, expect, it } from "vitest";
import { guardians, householdActivationCodes, householdEvents, households, users } from "@/db/schema";
import { DEMO_ACTIVATION_CODES } from "@/server/demo/seed";
import { withPlatform, withTenant } from "@/db/transaction";
import { THROTTLE } from "@/server/domain/auth/throttle";
import { activationCodeOf, linkHouseholdByCode, newActivationCode, normalizeCode, regenerateActivationCode } from "@/server/domain/family/activation";
import { messages } from "@/common/messages";
import { callerAs, loadDemo, tenantId, userId } from "../../../fixtures/demo";
import { callHttp } from "../../../fixtures/http";
import { findTenantBySlug } from "@/server/domain/tenants/tenants";
import { scopeOf, staffAs } from "../../../fixtures/demo-ids";

let jolieville: string;
let martin: string;
let durand: string;

beforeAll(async () => {
  await loadDemo();
  jolieville = await tenantId("jolieville");
  const rows = await withPlatform((tx) => tx.select({ id: households.id, reference: households.reference }).from(households));
  martin = rows.find((r) => r.reference === "JOL-00042")!.id;
  durand = rows.find((r) => r.reference === "JOL-00057")!.id;
});

const codeOf = async (householdId: string) =>
  (await withPlatform((tx) => tx.select({ code: householdActivationCodes.code }).from(householdActivationCodes).where(eq(householdActivationCodes.householdId, householdId))))[0]!.code;
const guardiansOf = (householdId: string) =>
  withPlatform((tx) => tx.select({ firstName: guardians.firstName, userId: guardians.userId }).from(guardians).where(eq(guardians.householdId, householdId)).orderBy(guardians.firstName));
const newUser = async (email: string) => (await withPlatform((tx) => tx.insert(users).values({ email, name: email }).returning({ id: users.id })))[0]!.id;
/** A family file whose two guardians have no account yet (either may be linked). */
const twoFreeGuardians = (reference: string, name: string) =>
  withPlatform(async (tx) => {
    const [h] = await tx.insert(households).values({ tenantId: jolieville, reference, name }).returning();
    await tx.insert(guardians).values([
      { tenantId: jolieville, householdId: h!.id, firstName: "Alix", lastName: name.replace("Famille ", "") },
      { tenantId: jolieville, householdId: h!.id, firstName: "Bastien", lastName: name.replace("Famille ", "") },
    ]);
    await tx.insert(householdActivationCodes).values({ tenantId: jolieville, householdId: h!.id, code: newActivationCode() });
    return h!.id;
  });
const link = (user: string, input: { communeSlug: string; familyReference: string; code: string }, ip = `10.0.0.${Math.floor(Math.random() * 250)}`) =>
  linkHouseholdByCode(user, ip, input);

describe("household activation codes", () => {
  it("are random, 12 characters without look-alikes, and read back whatever the case or spacing", () => {
    const codes = new Set(Array.from({ length: 200 }, newActivationCode));
    expect(codes.size).toBe(200);
    for (const code of codes) expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    expect(normalizeCode(" mrtn jv42-k7qp ")).toBe("MRTNJV42K7QP");
  });

  it("link a signed-in parent to the household, as its first guardian without an account, then stop working", async () => {
    const thomas = await userId("conjoint@recre.test");
    const caller = await callerAs("conjoint@recre.test");
    expect((await caller.family.myCommunes()).families).toEqual([]);
    const result = await caller.family.linkHousehold({ communeSlug: "jolieville", familyReference: "jol-00042", code: "mrtn jv42 k7qp" });
    expect(result).toMatchObject({ tenantSlug: "jolieville", reference: "JOL-00042", guardianName: "Thomas Martin" });
    expect(await guardiansOf(martin)).toEqual([
      { firstName: "Julie", userId: await userId("parent@recre.test") },
      { firstName: "Thomas", userId: thomas },
    ]);
    expect((await caller.family.myCommunes()).families.map((f) => [f.tenantSlug, f.reference])).toEqual([["jolieville", "JOL-00042"]]);
    await expect((await callerAs("conjoint@recre.test", "jolieville")).family.myFamily()).resolves.toHaveLength(1);
    // Used once: the code printed on the old invoices is replaced and the change is in the file's history.
    const fresh = await codeOf(martin);
    expect(fresh).not.toBe(DEMO_ACTIVATION_CODES["JOL-00042"]);
    const events = await withPlatform((tx) => tx.select().from(householdEvents).where(eq(householdEvents.householdId, martin)));
    expect(events.map((e) => [e.kind, e.data])).toEqual([["account_linked", { guardianName: "Thomas Martin", email: "conjoint@recre.test" }]]);
    const other = await newUser("cousin@exemple.test");
    await expect(link(other, { communeSlug: "jolieville", familyReference: "JOL-00042", code: DEMO_ACTIVATION_CODES["JOL-00042"]! })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: messages.activation.invalid,
    });
    // With the new code, there is no guardian left to link.
    await expect(link(other, { communeSlug: "jolieville", familyReference: "JOL-00042", code: fresh })).rejects.toMatchObject({
      code: "CONFLICT",
      message: messages.activation.noGuardianLeft,
    });
  });

  it("prefer the guardian whose e-mail is the account's", async () => {
    const household = await withPlatform(async (tx) => {
      const [h] = await tx.insert(households).values({ tenantId: jolieville, reference: "JOL-07000", name: "Famille Bernard" }).returning();
      await tx.insert(guardians).values([
        { tenantId: jolieville, householdId: h!.id, firstName: "Anne", lastName: "Bernard", email: "anne@exemple.test" },
        { tenantId: jolieville, householdId: h!.id, firstName: "Bruno", lastName: "Bernard", email: "Bruno.Bernard@Exemple.test" },
      ]);
      return h!.id;
    });
    const code = await withTenant(jolieville, async (tx) => (await activationCodeOf(tx, jolieville, household)).code);
    const bruno = await newUser("bruno.bernard@exemple.test");
    await expect(link(bruno, { communeSlug: "jolieville", familyReference: "JOL-07000", code })).resolves.toMatchObject({ guardianName: "Bruno Bernard" });
    expect((await guardiansOf(household)).map((g) => [g.firstName, g.userId])).toEqual([
      ["Anne", null],
      ["Bruno", bruno],
    ]);
  });

  it("link only one of two accounts giving the same code at the same instant", async () => {
    const household = await twoFreeGuardians("JOL-07003", "Famille Etienne");
    const code = await codeOf(household);
    const [first, second] = [await newUser("etienne-1@exemple.test"), await newUser("etienne-2@exemple.test")];
    // On PostgreSQL the two transactions interleave; PGlite runs them one after the other.
    const results = await Promise.allSettled([first, second].map((user) => link(user, { communeSlug: "jolieville", familyReference: "JOL-07003", code })));
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "BAD_REQUEST", message: messages.activation.invalid } });
    expect((await guardiansOf(household)).filter((g) => g.userId !== null)).toHaveLength(1);
    expect(await codeOf(household)).not.toBe(code);
  });

  it("refuse a code used up by another link after it was checked, rolling the link back", async () => {
    const household = await twoFreeGuardians("JOL-07004", "Famille Fabre");
    const code = await codeOf(household);
    // What a concurrent link committing between this one's check and its use of the code leaves behind
    // (READ COMMITTED lets the later statements see it): the code replaced, as the guardian is linked.
    const db = await getDb();
    await db.execute(sql`create function test_code_taken() returns trigger language plpgsql as $$
      begin
        update household_activation_codes set code = 'ZZZZ-ZZZZ-ZZZZ' where tenant_id = new.tenant_id and household_id = new.household_id;
        return new;
      end $$`);
    await db.execute(sql`create trigger test_code_taken before update of user_id on guardians for each row execute function test_code_taken()`);
    try {
      await expect(link(await newUser("fabre@exemple.test"), { communeSlug: "jolieville", familyReference: "JOL-07004", code })).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message: messages.activation.invalid,
      });
    } finally {
      await db.execute(sql`drop trigger test_code_taken on guardians`);
      await db.execute(sql`drop function test_code_taken()`);
    }
    expect((await guardiansOf(household)).map((g) => g.userId)).toEqual([null, null]);
  });

  it("refuse a wrong code, or the code of another commune, with the same neutral message, linking nothing", async () => {
    const stranger = await newUser("inconnu@exemple.test");
    const attempts = [
      { communeSlug: "jolieville", familyReference: "JOL-00057", code: "AAAA-BBBB-CCCC" },
      { communeSlug: "val-fleuri", familyReference: "JOL-00057", code: DEMO_ACTIVATION_CODES["JOL-00057"]! },
      { communeSlug: "jolieville", familyReference: "VF-0815", code: DEMO_ACTIVATION_CODES["VF-0815"]! },
      { communeSlug: "jolieville", familyReference: "JOL-99999", code: DEMO_ACTIVATION_CODES["JOL-00057"]! },
      { communeSlug: "atlantis", familyReference: "JOL-00057", code: DEMO_ACTIVATION_CODES["JOL-00057"]! },
    ];
    for (const input of attempts) await expect(link(stranger, input)).rejects.toMatchObject({ code: "BAD_REQUEST", message: messages.activation.invalid });
    expect((await guardiansOf(durand)).map((g) => g.firstName)).toEqual(["Marc"]);
    await expect((await callerAs("inconnu@exemple.test")).family.myCommunes()).resolves.toMatchObject({ families: [] });
  });

  it(`throttle an account after ${THROTTLE.activation_code.perAccount} failures: even the right code is refused, without being checked`, async () => {
    const guesser = await newUser("devineur@exemple.test");
    const household = await withPlatform(async (tx) => {
      const [h] = await tx.insert(households).values({ tenantId: jolieville, reference: "JOL-07001", name: "Famille Colin" }).returning();
      await tx.insert(guardians).values({ tenantId: jolieville, householdId: h!.id, firstName: "Chloé", lastName: "Colin" });
      return h!.id;
    });
    const code = await withTenant(jolieville, async (tx) => (await activationCodeOf(tx, jolieville, household)).code);
    for (let i = 0; i < THROTTLE.activation_code.perAccount; i++) {
      await expect(link(guesser, { communeSlug: "jolieville", familyReference: "JOL-07001", code: newActivationCode() })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    }
    await expect(link(guesser, { communeSlug: "jolieville", familyReference: "JOL-07001", code })).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
      message: messages.activation.throttled,
    });
    expect((await guardiansOf(household))[0]!.userId).toBeNull();
    // Another account is not held back by someone else's failures.
    const parent = await newUser("colin@exemple.test");
    await expect(link(parent, { communeSlug: "jolieville", familyReference: "JOL-07001", code })).resolves.toMatchObject({ guardianName: "Chloé Colin" });
  });

  it("also throttle by address, whoever signs in from it", async () => {
    const ip = "192.0.2.77";
    for (let i = 0; i < THROTTLE.activation_code.perIp; i++) {
      const user = await newUser(`robot-${i}@exemple.test`);
      await expect(link(user, { communeSlug: "jolieville", familyReference: "JOL-00057", code: newActivationCode() }, ip)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    }
    const last = await newUser("robot-final@exemple.test");
    await expect(link(last, { communeSlug: "jolieville", familyReference: "JOL-00057", code: DEMO_ACTIVATION_CODES["JOL-00057"]! }, ip)).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
    });
  });

  it("say a household is already linked, without using up its code", async () => {
    const voisin = await callerAs("voisin@recre.test");
    await expect(voisin.family.linkHousehold({ communeSlug: "jolieville", familyReference: "JOL-00057", code: DEMO_ACTIVATION_CODES["JOL-00057"]! })).rejects.toMatchObject({
      code: "CONFLICT",
      message: messages.activation.alreadyLinked,
    });
    expect(await codeOf(durand)).toBe(DEMO_ACTIVATION_CODES["JOL-00057"]);
  });

  it("name the field in French when the reference or the code is missing", async () => {
    const { status, error } = await callHttp("family.linkHousehold", { communeSlug: "jolieville", familyReference: " ", code: "" }, { as: "voisin@recre.test" });
    expect(status).toBe(400);
    expect(error!.data.fieldErrors).toEqual({
      familyReference: `Référence famille : ${messages.activation.referenceRequired}`,
      code: `Code d'activation : ${messages.activation.codeRequired}`,
    });
  });

  it("let the front desk show and regenerate a code, which the old one no longer opens; other communes get NOT_FOUND", async () => {
    const agent = await callerAs("agent@jolieville.test", "jolieville");
    const before = await agent.households.access({ householdId: durand });
    expect(before.activation.code).toBe(DEMO_ACTIVATION_CODES["JOL-00057"]);
    const after = await agent.households.regenerateActivationCode({ householdId: durand });
    expect(after.code).not.toBe(before.activation.code);
    const history = await agent.households.access({ householdId: durand });
    expect(history.history.map((h) => [h.label, h.byName])).toEqual([[messages.activation.events.activation_code_regenerated, "Sophie Garnier"]]);
    const stranger = await newUser("ancien@exemple.test");
    await expect(link(stranger, { communeSlug: "jolieville", familyReference: "JOL-00057", code: before.activation.code })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const valFleuri = await callerAs("admin@val-fleuri.test", "val-fleuri");
    await expect(valFleuri.households.access({ householdId: durand })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(valFleuri.households.regenerateActivationCode({ householdId: durand })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const parent = await callerAs("voisin@recre.test", "jolieville");
    await expect(parent.households.access({ householdId: durand })).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Through a regeneration the tenant helper keeps to its commune.
    const jolievilleTenant = (await findTenantBySlug("jolieville"))!;
    await expect(withTenant(await tenantId("val-fleuri"), (tx) => regenerateActivationCode(scopeOf(tx, jolievilleTenant, staffAs(null)), { householdId: durand }))).rejects.toThrow();
  });

  it("issue a code on first need for a household created without one", async () => {
    const household = await withPlatform(async (tx) => {
      const [h] = await tx.insert(households).values({ tenantId: jolieville, reference: "JOL-07002", name: "Famille Dumas" }).returning();
      return h!.id;
    });
    const first = await withTenant(jolieville, (tx) => activationCodeOf(tx, jolieville, household));
    const again = await withTenant(jolieville, (tx) => activationCodeOf(tx, jolieville, household));
    expect(again.code).toBe(first.code);
    const rows = await withPlatform((tx) => tx.select().from(householdActivationCodes).where(and(eq(householdActivationCodes.tenantId, jolieville), eq(householdActivationCodes.householdId, household))));
    expect(rows).toHaveLength(1);
  });
});
