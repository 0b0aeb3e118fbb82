import { readHealth } from "@/server/domain/family-file/health";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { children, emailOutbox, guardians, households, users } from "@/db/schema";
import { withPlatform } from "@/db/transaction";
import { activateAccount } from "@/server/domain/auth/account";
import { messages } from "@/common/messages";
import { callerAs, loadDemo, tenantId } from "../../../fixtures/demo";
import { callHttp } from "../../../fixtures/http";

beforeAll(loadDemo);

const agent = () => callerAs("agent@jolieville.test", "jolieville");
const outboxTo = (to: string) => withPlatform((tx) => tx.select().from(emailOutbox).where(eq(emailOutbox.to, to)));
const tokenIn = (html: string) => /jeton=([A-Za-z0-9_-]+)/.exec(html)?.[1];
const family = {
  name: "Famille Petit",
  addressLine: "3 rue des Lilas",
  postalCode: "69120",
  city: "Jolieville",
  isResident: true,
  guardians: [
    { firstName: "Anne", lastName: "Petit", email: "anne.petit@famille.test", phone: "06 11 22 33 44", invite: "email" as const },
    { firstName: "Luc", lastName: "Petit", email: "", phone: "", invite: "code" as const },
  ],
  children: [{ firstName: "Zoé", lastName: "Petit", birthDate: "2019-03-14", school: "École Jules Ferry", classLevel: "CE1" as const, allergies: "Kiwi", diet: "sans_porc" as const }],
};
async function householdCount() {
  const t = await tenantId("jolieville");
  return (await withPlatform((tx) => tx.select({ id: households.id }).from(households).where(eq(households.tenantId, t)))).length;
}

describe("Nouvelle famille", () => {
  it("creates the household, guardians and children with the next reference and a printable code; the invited guardian's account is linked", async () => {
    const created = await (await agent()).familyCreation.create(family);
    expect(created.reference).toBe("JOL-00058");
    expect(created.code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    expect(created).toMatchObject({ invited: ["anne.petit@famille.test"], needsCode: true });
    const kids = await withPlatform((tx) => tx.select().from(children).where(eq(children.householdId, created.householdId)));
    expect(kids).toMatchObject([{ firstName: "Zoé", birthDate: "2019-03-14", classLevel: "CE1", hasAllergies: true, diet: "sans_porc" }]);
    // Allergies are sealed at rest, readable with the key only.
    expect(kids[0]!.health).not.toContain("Kiwi");
    expect(readHealth(kids[0]!.tenantId, kids[0]!).allergies).toEqual([{ allergen: "Kiwi", severity: "moderee", note: "" }]);
    const [mail] = await outboxTo("anne.petit@famille.test");
    expect(mail).toMatchObject({ template: "family-invitation" });
    expect(mail!.html).toContain("JOL-00058");
    await activateAccount({ token: tokenIn(mail!.html)!, password: "une-phrase-longue", ip: "local" });
    const anne = await callerAs("anne.petit@famille.test", "jolieville");
    expect((await anne.family.myFamily()).map((h) => h.reference)).toEqual(["JOL-00058"]);
    const people = await withPlatform((tx) => tx.select().from(guardians).where(eq(guardians.householdId, created.householdId)));
    expect(people.find((g) => g.firstName === "Luc")?.userId).toBeNull();
  });

  it("links an existing account without an activation link", async () => {
    const created = await (await agent()).familyCreation.create({
      ...family,
      reference: "JOL-DUR2",
      name: "Famille Durand-Bis",
      guardians: [{ firstName: "Marc", lastName: "Durand", email: "voisin@recre.test", phone: "", invite: "email" }],
      children: [],
    });
    const [mail] = (await outboxTo("voisin@recre.test")).filter((m) => m.template === "family-invitation");
    expect(mail!.html).not.toContain("jeton=");
    const [account] = await withPlatform((tx) => tx.select({ id: users.id }).from(users).where(eq(users.email, "voisin@recre.test")));
    const [g] = await withPlatform((tx) => tx.select().from(guardians).where(and(eq(guardians.householdId, created.householdId))));
    expect(g?.userId).toBe(account!.id);
  });

  it("refuses a future date of birth, a reference in use and a missing e-mail for an invitation, naming the field, and writes nothing", async () => {
    const before = await householdCount();
    const future = await callHttp(
      "familyCreation.create",
      { ...family, children: [{ ...family.children[0], birthDate: "2027-01-10" }] },
      { as: "agent@jolieville.test", commune: "jolieville" },
    );
    expect(future.error).toMatchObject({ message: `${messages.fields.birthDate} : ${messages.familyCreation.birthDateFuture}`, data: { field: "children.0.birthDate" } });
    await expect((await agent()).familyCreation.create({ ...family, reference: "JOL-00042" })).rejects.toMatchObject({ code: "CONFLICT", message: messages.familyCreation.referenceTaken });
    const noEmail = await callHttp(
      "familyCreation.create",
      { ...family, guardians: [{ ...family.guardians[0], email: "" }] },
      { as: "agent@jolieville.test", commune: "jolieville" },
    );
    expect(noEmail.error?.data.fieldErrors["guardians.0.email"]).toContain(messages.familyCreation.emailForInvitation);
    expect(await householdCount()).toBe(before);
  });

  it("is for the front desk and admins: a site agent or a parent gets NOT_FOUND", async () => {
    for (const email of ["animateur@jolieville.test", "parent@recre.test"]) {
      await expect((await callerAs(email, "jolieville")).familyCreation.create(family)).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
  });
});
