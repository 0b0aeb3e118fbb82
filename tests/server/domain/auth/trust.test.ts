import argon2 from "argon2";
import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { emailOutbox, signInFailures } from "@/db/schema";
import { DEMO_PASSWORD } from "@/server/demo/seed";
import { withPlatform } from "@/db/transaction";
import * as account from "@/server/domain/auth/account";
import { messages } from "@/common/messages";
import { callerAs, loadDemo } from "../../../fixtures/demo";

// Finding numbers refer to issue #12 ("Trust").
beforeAll(loadDemo);
afterEach(() => vi.restoreAllMocks());

const signIn = (email: string, password: string, ip: string, now?: Date) => account.authenticate({ email, password, ip, ...(now ? { now } : {}) });

async function latestLink(to: string): Promise<string> {
  const mails = await withPlatform((tx) => tx.select().from(emailOutbox).where(eq(emailOutbox.to, to)));
  const html = mails.sort((a, b) => +b.createdAt - +a.createdAt)[0]!.html;
  return /jeton=([A-Za-z0-9_-]+)/.exec(html)![1]!;
}

// Through the procedures the forms call.
const reset = async (token: string, password: string) =>
  (await callerAs(null)).auth.resetPassword({ token, newPassword: password, confirmPassword: password });

describe("finding 2: a reset or activation link is checked before any password is hashed", () => {
  it("does not hash for an unknown token", async () => {
    const hash = vi.spyOn(argon2, "hash");
    await expect(reset("pas-un-jeton", "une-phrase-de-passe")).rejects.toMatchObject({ message: messages.auth.invalidToken });
    const activate = (await callerAs(null)).auth.activate({ token: "pas-un-jeton", newPassword: "une-phrase-de-passe", confirmPassword: "une-phrase-de-passe" });
    await expect(activate).rejects.toMatchObject({ message: messages.auth.invalidToken });
    expect(hash).not.toHaveBeenCalled();
  });

  it("slows down an address that keeps sending unknown tokens, not the others", async () => {
    const { createCaller } = await import("@/server/root");
    const { createInnerContext } = await import("@/server/trpc");
    const fromIp = (ip: string) => createCaller(createInnerContext({ ip })).auth;
    const bad = { token: "faux", newPassword: "une-phrase-de-passe", confirmPassword: "une-phrase-de-passe" };
    for (let i = 0; i < 20; i++) await expect(fromIp("198.51.100.200").resetPassword(bad)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(fromIp("198.51.100.200").resetPassword(bad)).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
    await expect(fromIp("198.51.100.201").resetPassword(bad)).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("bounds the token and the current password", async () => {
    const long = "x".repeat(1_000_000);
    await expect(reset(long, "une-phrase-de-passe")).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const voisin = await callerAs("voisin@recre.test");
    const verify = vi.spyOn(argon2, "verify");
    await expect(voisin.auth.changePassword({ currentPassword: long, newPassword: "une-phrase-de-passe", confirmPassword: "une-phrase-de-passe" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(verify).not.toHaveBeenCalled();
  });
});

describe("finding 3: a wrong password costs the same whether the account exists or not", () => {
  it("verifies one hash for an unknown address, as for a known one", async () => {
    const verify = vi.spyOn(argon2, "verify");
    expect(await signIn("parent@recre.test", "pas-le-bon-mot", "192.0.2.210")).toEqual({ ok: false, reason: "invalid" });
    expect(verify).toHaveBeenCalledTimes(1);
    expect(await signIn("personne-ici@recre.test", "pas-le-bon-mot", "192.0.2.210")).toEqual({ ok: false, reason: "invalid" });
    expect(verify).toHaveBeenCalledTimes(2);
  });
});

describe("finding 6: a password change invalidates every outstanding link", () => {
  it("an older reset link stops working once a later one was used", async () => {
    await account.requestPasswordReset("agent@jolieville.test", "192.0.2.220");
    const first = await latestLink("agent@jolieville.test");
    await new Promise((r) => setTimeout(r, 5));
    await account.requestPasswordReset("agent@jolieville.test", "192.0.2.221");
    const second = await latestLink("agent@jolieville.test");
    expect(second).not.toBe(first);
    await reset(second, "une-phrase-toute-neuve");
    expect(await account.linkIsUsable(first, "reset")).toBe(false);
    await expect(reset(first, "celle-de-l-attaquant")).rejects.toMatchObject({ message: messages.auth.invalidToken });
  });

  it("a reset link asked before a password change stops working", async () => {
    await account.requestPasswordReset("animateur@jolieville.test", "192.0.2.222");
    const link = await latestLink("animateur@jolieville.test");
    const caller = await callerAs("animateur@jolieville.test");
    await caller.auth.changePassword({ currentPassword: DEMO_PASSWORD, newPassword: "encore-une-phrase", confirmPassword: "encore-une-phrase" });
    expect(await account.linkIsUsable(link, "reset")).toBe(false);
  });
});

describe("finding 7: wrong passwords slow down one address on one account, never lock the account", () => {
  it("the real user signs in from elsewhere while an attacker fails from one address", async () => {
    for (let i = 0; i < 8; i++) await signIn("admin@val-fleuri.test", "mauvais", "203.0.113.66");
    expect(await signIn("admin@val-fleuri.test", DEMO_PASSWORD, "198.51.100.240")).toMatchObject({ ok: true });
  });

  it("30 failures behind a town hall's shared address lock no other account", async () => {
    const ip = "198.51.100.241";
    // 30 wrong passwords for 30 accounts, as recorded by sign-in (written directly: 30 argon2 checks are slow).
    await withPlatform((tx) =>
      tx.insert(signInFailures).values(Array.from({ length: 30 }, (_, i) => ({ action: "sign_in" as const, email: `agent-${i}@mairie.test`, ip }))),
    );
    expect(await signIn("voisin@recre.test", DEMO_PASSWORD, ip)).toMatchObject({ ok: true });
  });

  it("makes the same address wait longer after each failure, then lets it try again", async () => {
    const ip = "198.51.100.242";
    const t0 = new Date();
    const at = (s: number) => new Date(t0.getTime() + s * 1000);
    for (let i = 0; i < 3; i++) expect(await signIn("conjoint@recre.test", "mauvais", ip, at(i))).toMatchObject({ reason: "invalid" });
    // Fourth try at once: refused without checking; after the delay it is checked again.
    expect(await signIn("conjoint@recre.test", DEMO_PASSWORD, ip, at(3))).toEqual({ ok: false, reason: "throttled" });
    expect(await signIn("conjoint@recre.test", "mauvais", ip, at(5))).toMatchObject({ reason: "invalid" });
    expect(await signIn("conjoint@recre.test", DEMO_PASSWORD, ip, at(8))).toEqual({ ok: false, reason: "throttled" });
    expect(await signIn("conjoint@recre.test", DEMO_PASSWORD, ip, at(10))).toMatchObject({ ok: true });
  });
});

describe("finding 8: an absurd e-mail is a clear refusal, not a 500", () => {
  it("refuses a 1 MB address in a reset request", async () => {
    const huge = `${"a".repeat(1_000_000)}@recre.test`;
    await expect((await callerAs(null)).auth.requestPasswordReset({ email: huge })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
