import { beforeAll, describe, expect, it } from "vitest";
import { communeLegalPage } from "@/proxy";
import { callerAs, loadDemo } from "../../fixtures/demo";

beforeAll(loadDemo);

describe("a commune's legal pages", () => {
  it("show the commune's details and the DPO its admin set, to anyone", async () => {
    const admin = await callerAs("admin@jolieville.test", "jolieville");
    const { contact } = await admin.commune.settings();
    await admin.commune.setContact({ ...contact, dpoContact: "Mme Claire Dupont, dpo@jolieville.test" });
    const anonymous = await callerAs(null);
    expect(await anonymous.legal.commune({ slug: "jolieville" })).toMatchObject({ name: "Jolieville", dpoContact: "Mme Claire Dupont, dpo@jolieville.test" });
  });

  it("are not found for a commune that does not exist", async () => {
    await expect((await callerAs(null)).legal.commune({ slug: "nulle-part" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("live at /{commune}/… outside the members-only commune layout", () => {
    expect(communeLegalPage("/jolieville/accessibilite")).toBe("/legal/jolieville/accessibilite");
    expect(communeLegalPage("/jolieville/mentions-legales/")).toBe("/legal/jolieville/mentions-legales");
    expect(communeLegalPage("/jolieville/planning")).toBeNull();
    expect(communeLegalPage("/compte/accessibilite")).toBeNull();
  });
});
