import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { emailOutbox, memberships, sites } from "@/db/schema";
import { withPlatform } from "@/db/transaction";
import { activateAccount } from "@/server/domain/auth/account";
import { messages } from "@/common/messages";
import { callerAs, loadDemo, tenantId, userId } from "../../../fixtures/demo";
import { callHttp } from "../../../fixtures/http";

beforeAll(loadDemo);

const admin = () => callerAs("admin@jolieville.test", "jolieville");
const outboxTo = (to: string) => withPlatform((tx) => tx.select().from(emailOutbox).where(eq(emailOutbox.to, to)));
const tokenIn = (html: string) => /jeton=([A-Za-z0-9_-]+)/.exec(html)?.[1];
async function siteIds(slug: string) {
  const t = await tenantId(slug);
  const rows = await withPlatform((tx) => tx.select({ id: sites.id, name: sites.name }).from(sites).where(eq(sites.tenantId, t)));
  return Object.fromEntries(rows.map((r) => [r.name, r.id]));
}

describe("inviting staff", () => {
  it("invites a front-desk agent: a pending member with an activation e-mail; once activated they reach the staff pages", async () => {
    await (await admin()).team.invite({ email: "Lea.Roux@Jolieville.test", name: "Léa Roux", role: "agent", siteIds: [] });
    const team = await (await admin()).team.list();
    expect(team.members.find((m) => m.email === "lea.roux@jolieville.test")).toMatchObject({ role: "agent", activated: false, siteIds: [] });
    const [mail] = await outboxTo("lea.roux@jolieville.test");
    expect(mail).toMatchObject({ template: "account-activation" });
    expect(mail!.html).toContain("agent du guichet unique");
    await activateAccount({ token: tokenIn(mail!.html)!, password: "une-phrase-longue", ip: "local" });
    expect((await (await admin()).team.list()).members.find((m) => m.email === "lea.roux@jolieville.test")?.activated).toBe(true);
    await expect((await callerAs("lea.roux@jolieville.test", "jolieville")).dashboard.get({})).resolves.toBeTruthy();
  });

  it("tells an existing account where to sign in instead of sending an activation link", async () => {
    await (await admin()).team.invite({ email: "voisin@recre.test", name: "Marc Durand", role: "agent", siteIds: [] });
    const [mail] = (await outboxTo("voisin@recre.test")).filter((m) => m.template === "staff-added");
    expect(mail?.html).toContain("/connexion");
    expect(mail?.html).not.toContain("jeton=");
  });

  it("refuses a member twice, a site agent without sites, and a site of another commune, writing nothing", async () => {
    await expect((await admin()).team.invite({ email: "agent@jolieville.test", name: "Sophie Garnier", role: "admin", siteIds: [] })).rejects.toMatchObject({
      code: "CONFLICT",
      message: messages.team.alreadyMember,
    });
    const none = await callHttp("team.invite", { email: "site@jolieville.test", name: "Sans Site", role: "site_agent", siteIds: [] }, { as: "admin@jolieville.test", commune: "jolieville" });
    expect(none.error?.data.field).toBe("siteIds");
    expect(none.error?.message).toBe(`${messages.fields.siteIds} : ${messages.team.sitesRequired}`);
    const foreign = Object.values(await siteIds("val-fleuri"))[0]!;
    await expect((await admin()).team.invite({ email: "site@jolieville.test", name: "Sans Site", role: "site_agent", siteIds: [foreign] })).rejects.toMatchObject({
      message: `${messages.fields.siteIds} : ${messages.team.unknownSite}`,
    });
    expect(await outboxTo("site@jolieville.test")).toHaveLength(0);
  });

  it("resends an invitation only while the account is not activated", async () => {
    await (await admin()).team.invite({ email: "relance@jolieville.test", name: "Paul Relance", role: "agent", siteIds: [] });
    const id = await userId("relance@jolieville.test");
    await (await admin()).team.resendInvitation({ userId: id });
    expect(await outboxTo("relance@jolieville.test")).toHaveLength(2);
    await expect((await admin()).team.resendInvitation({ userId: await userId("agent@jolieville.test") })).rejects.toMatchObject({ message: messages.team.alreadyActive });
  });

  it("is for admins only: the front desk and site agents get NOT_FOUND", async () => {
    for (const email of ["agent@jolieville.test", "animateur@jolieville.test"]) {
      await expect((await callerAs(email, "jolieville")).team.list()).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
  });
});

describe("site agents limited to their sites", () => {
  it("see only the sites given to them, and are refused another site's list and meals", async () => {
    const named = await siteIds("jolieville");
    const ferry = named["Restaurant scolaire Jules Ferry"]!;
    const verne = named["Accueil de loisirs Jules Verne"]!;
    await (await admin()).team.invite({ email: "cantine@jolieville.test", name: "Inès Cantine", role: "site_agent", siteIds: [ferry] });
    const [mail] = await outboxTo("cantine@jolieville.test");
    await activateAccount({ token: tokenIn(mail!.html)!, password: "une-phrase-longue", ip: "local" });
    const agent = await callerAs("cantine@jolieville.test", "jolieville");
    expect((await agent.attendance.sites()).sites.map((s) => s.id)).toEqual([ferry]);
    await expect(agent.attendance.dailyList({ siteId: ferry, date: "2026-11-24" })).resolves.toBeTruthy();
    await expect(agent.attendance.dailyList({ siteId: verne, date: "2026-11-24" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(agent.attendance.mealCounts({ from: "2026-11-02", to: "2026-11-27", siteId: verne })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const meals = await agent.attendance.mealCounts({ from: "2026-11-02", to: "2026-11-27" });
    expect(meals.rows.every((r) => r.siteId === ferry)).toBe(true);
    // Changing the sites changes what they see at once.
    await (await admin()).team.changeRole({ userId: await userId("cantine@jolieville.test"), role: "site_agent", siteIds: [verne] });
    expect((await agent.attendance.sites()).sites.map((s) => s.id)).toEqual([verne]);
  });
});

describe("changing roles and removing members", () => {
  it("keeps at least one admin: the last one can be neither demoted nor removed", async () => {
    const me = await userId("admin@jolieville.test");
    await expect((await admin()).team.changeRole({ userId: me, role: "agent", siteIds: [] })).rejects.toMatchObject({ code: "CONFLICT", message: messages.team.lastAdmin });
    await expect((await admin()).team.deactivate({ userId: me })).rejects.toMatchObject({ code: "CONFLICT", message: messages.team.lastAdmin });
    const t = await tenantId("jolieville");
    const admins = await withPlatform((tx) => tx.select().from(memberships).where(and(eq(memberships.tenantId, t), eq(memberships.role, "admin"))));
    expect(admins.map((a) => a.userId)).toEqual([me]);
  });

  it("a removed member loses access at once", async () => {
    await (await admin()).team.invite({ email: "depart@jolieville.test", name: "Jean Départ", role: "agent", siteIds: [] });
    const [mail] = await outboxTo("depart@jolieville.test");
    await activateAccount({ token: tokenIn(mail!.html)!, password: "une-phrase-longue", ip: "local" });
    const leaving = await callerAs("depart@jolieville.test", "jolieville");
    await expect(leaving.dashboard.get({})).resolves.toBeTruthy();
    await (await admin()).team.deactivate({ userId: await userId("depart@jolieville.test") });
    await expect(leaving.dashboard.get({})).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("promotes an agent to admin; then the first admin may step down", async () => {
    await (await admin()).team.changeRole({ userId: await userId("agent@jolieville.test"), role: "admin", siteIds: [] });
    await (await callerAs("agent@jolieville.test", "jolieville")).team.changeRole({ userId: await userId("admin@jolieville.test"), role: "agent", siteIds: [] });
    const list = await (await callerAs("agent@jolieville.test", "jolieville")).team.list();
    expect(list.members.find((m) => m.email === "admin@jolieville.test")?.role).toBe("agent");
    // Put the demo back as it was for the tests that follow in this file's database.
    await (await callerAs("agent@jolieville.test", "jolieville")).team.changeRole({ userId: await userId("admin@jolieville.test"), role: "admin", siteIds: [] });
    await (await admin()).team.changeRole({ userId: await userId("agent@jolieville.test"), role: "agent", siteIds: [] });
  });

  it("cannot touch a member of another commune", async () => {
    await expect((await admin()).team.deactivate({ userId: await userId("admin@val-fleuri.test") })).rejects.toMatchObject({ code: "NOT_FOUND", message: messages.team.notMember });
  });
});
