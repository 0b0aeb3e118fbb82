import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "@/server/demo/seed";
import { endSession, openSession, sessionIsCurrent } from "@/server/domain/auth/sessions";
import { callerAs, loadDemo, userId } from "../../../fixtures/demo";

// Finding 5 of issue #12: a copied session cookie must stop working.
beforeAll(loadDemo);

describe("sessions can be revoked", () => {
  it("a session opened now is current", async () => {
    const session = await openSession(await userId("parent@recre.test"));
    expect(await sessionIsCurrent(session)).toBe(true);
  });

  it("a token without a session version (issued before) is not", async () => {
    expect(await sessionIsCurrent({ uid: await userId("parent@recre.test") })).toBe(false);
  });

  it("signing out on one device ends that session and its copies, not the others", async () => {
    const id = await userId("voisin@recre.test");
    const phone = await openSession(id);
    const laptop = await openSession(id);
    await endSession(phone);
    expect(await sessionIsCurrent(phone)).toBe(false);
    expect(await sessionIsCurrent(laptop)).toBe(true);
  });

  it("« Se déconnecter partout » ends every session of the account, and only of that account", async () => {
    const id = await userId("agent@jolieville.test");
    const a = await openSession(id);
    const b = await openSession(id);
    const someoneElse = await openSession(await userId("admin@jolieville.test"));
    await (await callerAs("agent@jolieville.test")).auth.signOutEverywhere();
    expect(await sessionIsCurrent(a)).toBe(false);
    expect(await sessionIsCurrent(b)).toBe(false);
    expect(await sessionIsCurrent(someoneElse)).toBe(true);
    expect(await sessionIsCurrent(await openSession(id))).toBe(true);
  });

  it("a password change ends every session", async () => {
    const id = await userId("animateur@jolieville.test");
    const before = await openSession(id);
    await (await callerAs("animateur@jolieville.test")).auth.changePassword({
      currentPassword: DEMO_PASSWORD,
      newPassword: "une-phrase-de-passe-neuve",
      confirmPassword: "une-phrase-de-passe-neuve",
    });
    expect(await sessionIsCurrent(before)).toBe(false);
  });

  it("a deleted account has no current session", async () => {
    const session = await openSession(await userId("conjoint@recre.test"));
    expect(await sessionIsCurrent({ ...session, uid: "00000000-0000-4000-8000-000000000000" })).toBe(false);
  });
});
