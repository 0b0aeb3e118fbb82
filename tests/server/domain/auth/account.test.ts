import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { emailOutbox, memberships, signInFailures, users } from "@/db/schema";
import { DEMO_PASSWORD } from "@/server/demo/seed";
import { withPlatform } from "@/db/transaction";
import { activateAccount, authenticate, changePassword, linkIsUsable, requestPasswordReset, resetPassword, sendMagicLink } from "@/server/domain/auth/account";
import { THROTTLE } from "@/server/domain/auth/throttle";
import { createCaller } from "@/server/root";
import { createInnerContext } from "@/server/trpc";
import { AppError } from "@/server/errors";
import { messages } from "@/common/messages";
import { callerAs, loadDemo, userId } from "../../../fixtures/demo";

beforeAll(loadDemo);

const signIn = (email: string, password: string, ip = "192.0.2.1") => authenticate({ email, password, ip });

async function outboxTo(to: string) {
  return withPlatform((tx) => tx.select().from(emailOutbox).where(eq(emailOutbox.to, to)));
}
const tokenIn = (html: string) => /jeton=([A-Za-z0-9_-]+)/.exec(html)?.[1];
async function passwordHashOf(email: string) {
  const [row] = await withPlatform((tx) => tx.select({ hash: users.passwordHash }).from(users).where(eq(users.email, email)));
  return row?.hash;
}

describe("authenticate", () => {
  it("accepts the demo password, whatever the case and spacing of the address", async () => {
    const result = await signIn("  Parent@Recre.TEST ", DEMO_PASSWORD);
    expect(result).toEqual({ ok: true, user: { id: await userId("parent@recre.test"), email: "parent@recre.test", name: "Julie Martin", isOperator: false } });
    expect(await signIn("operateur@recre.test", DEMO_PASSWORD)).toMatchObject({ ok: true, user: { isOperator: true } });
  });

  it("rejects a wrong password and an unknown address the same way", async () => {
    expect(await signIn("parent@recre.test", "demo-recre-2025")).toEqual({ ok: false, reason: "invalid" });
    expect(await signIn("personne@recre.test", DEMO_PASSWORD)).toEqual({ ok: false, reason: "invalid" });
  });

  it("forgets failures older than 15 minutes", async () => {
    const old = new Date(Date.now() - 16 * 60 * 1000);
    await withPlatform((tx) =>
      tx.insert(signInFailures).values(Array.from({ length: 12 }, () => ({ email: "animateur@jolieville.test", ip: "198.51.100.2", at: old }))),
    );
    expect(await signIn("animateur@jolieville.test", DEMO_PASSWORD, "198.51.100.2")).toMatchObject({ ok: true });
  });
});

describe("password reset", () => {
  it("queues exactly one e-mail with a reset link for an existing account", async () => {
    await requestPasswordReset("Admin@Jolieville.test", "192.0.2.50");
    const mails = await outboxTo("admin@jolieville.test");
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ template: "password-reset", subject: messages.email.passwordResetSubject, status: "pending" });
    expect(mails[0]!.html).toMatch(/\/connexion\/nouveau-mot-de-passe\?jeton=[A-Za-z0-9_-]{40,}/);
  });

  it("queues nothing and does not throw for an unknown address", async () => {
    const before = await withPlatform((tx) => tx.select({ id: emailOutbox.id }).from(emailOutbox));
    await expect(requestPasswordReset("personne@jolieville.test", "192.0.2.50")).resolves.toEqual({ message: messages.auth.resetRequested });
    expect(await withPlatform((tx) => tx.select({ id: emailOutbox.id }).from(emailOutbox))).toEqual(before);
  });

  it("sets the new password once; the link then no longer works", async () => {
    const [mail] = await outboxTo("admin@jolieville.test");
    const token = tokenIn(mail!.html)!;
    expect(await linkIsUsable(token, "reset")).toBe(true);
    expect(await linkIsUsable(token, "activation")).toBe(false);
    await resetPassword({ token, password: "nouvelle-phrase-de-passe", ip: "192.0.2.10" });
    expect(await linkIsUsable(token, "reset")).toBe(false);
    expect(await signIn("admin@jolieville.test", "nouvelle-phrase-de-passe", "192.0.2.10")).toMatchObject({ ok: true });
    expect(await signIn("admin@jolieville.test", DEMO_PASSWORD, "192.0.2.10")).toEqual({ ok: false, reason: "invalid" });

    const hash = await passwordHashOf("admin@jolieville.test");
    const again = resetPassword({ token, password: "encore-une-autre-phrase", ip: "192.0.2.10" });
    await expect(again).rejects.toBeInstanceOf(AppError);
    await expect(again).rejects.toMatchObject({ code: "BAD_REQUEST", message: messages.auth.invalidToken, field: "token" });
    expect(await passwordHashOf("admin@jolieville.test")).toBe(hash);
  });

  it("does not accept an activation link as a reset link", async () => {
    await (await callerAs("operateur@recre.test")).platform.createTenant({
      name: "Bois-Joli", slug: "bois-joli", holidayZone: "B", timeZone: "Europe/Paris", billingMode: "invoice",
      adminEmail: "maire@bois-joli.test", adminName: "Léa Roux",
    });
    const [mail] = await outboxTo("maire@bois-joli.test");
    await expect(resetPassword({ token: tokenIn(mail!.html)!, password: "une-phrase-de-passe", ip: "192.0.2.11" })).rejects.toMatchObject({ message: messages.auth.invalidToken });
  });
});

describe("changePassword", () => {
  it("refuses a wrong current password and changes nothing", async () => {
    const id = await userId("admin@val-fleuri.test");
    const hash = await passwordHashOf("admin@val-fleuri.test");
    await expect(changePassword(id, "pas-le-bon", "une-nouvelle-phrase")).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: messages.auth.wrongCurrentPassword,
    });
    expect(await passwordHashOf("admin@val-fleuri.test")).toBe(hash);
  });

  it("accepts a 200-character passphrase", async () => {
    const passphrase = "le petit chat de la cantine mange des croquettes ".repeat(5).slice(0, 200);
    expect(passphrase).toHaveLength(200);
    const voisin = await callerAs("voisin@recre.test");
    await voisin.auth.changePassword({ currentPassword: DEMO_PASSWORD, newPassword: passphrase, confirmPassword: passphrase });
    expect(await signIn("voisin@recre.test", passphrase, "192.0.2.20")).toMatchObject({ ok: true });
    expect(await signIn("voisin@recre.test", passphrase.slice(0, 199), "192.0.2.20")).toMatchObject({ ok: false });
  });
});

describe("onboarding a commune", () => {
  const input = {
    name: "Saint-Martin-d'Hères",
    slug: "saint-martin-d-heres",
    holidayZone: "A" as const,
    timeZone: "Europe/Paris",
    billingMode: "prepaid" as const,
    adminEmail: "Maire@Saint-Martin.test",
    adminName: "Claire Dupont",
  };

  it("creates the commune and its first admin, and invites them by e-mail", async () => {
    const tenant = await (await callerAs("operateur@recre.test")).platform.createTenant(input);
    expect(tenant).toMatchObject({ slug: "saint-martin-d-heres", status: "active", billingMode: "prepaid" });
    const admin = await userId("maire@saint-martin.test");
    const roles = await withPlatform((tx) =>
      tx.select({ role: memberships.role }).from(memberships).where(and(eq(memberships.tenantId, tenant.id), eq(memberships.userId, admin))),
    );
    expect(roles).toEqual([{ role: "admin" }]);
    const mails = await outboxTo("maire@saint-martin.test");
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ template: "account-activation", subject: `${messages.email.activationSubject} — Saint-Martin-d'Hères` });
    expect(mails[0]!.html).toMatch(/\/activation\?jeton=/);
    expect(await passwordHashOf("maire@saint-martin.test")).toBeNull();
  });

  it("lets the invited admin activate, sign in and work in their commune only", async () => {
    const [mail] = await outboxTo("maire@saint-martin.test");
    const token = tokenIn(mail!.html)!;
    await expect(activateAccount({ token, password: "mairie-de-saint-martin", ip: "192.0.2.30" })).resolves.toEqual({ email: "maire@saint-martin.test" });
    await expect(activateAccount({ token, password: "mairie-de-saint-martin", ip: "192.0.2.30" })).rejects.toMatchObject({ message: messages.auth.invalidToken });
    expect(await signIn("maire@saint-martin.test", "mairie-de-saint-martin", "192.0.2.30")).toMatchObject({ ok: true });
    const [verified] = await withPlatform((tx) =>
      tx.select({ at: users.emailVerified }).from(users).where(eq(users.email, "maire@saint-martin.test")),
    );
    expect(verified?.at).toBeInstanceOf(Date);

    expect(await (await callerAs("maire@saint-martin.test", "saint-martin-d-heres")).households.list()).toEqual([]);
    await expect((await callerAs("maire@saint-martin.test", "jolieville")).households.list()).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Jolieville's own data is still there, so the NOT_FOUND above is about access.
    expect(await (await callerAs("agent@jolieville.test", "jolieville")).households.list()).toHaveLength(2);
  });
});

describe("reset and magic-link requests", () => {
  const mailsTo = async (to: string, template: string) => (await outboxTo(to)).filter((m) => m.template === template).length;
  const neutral = { message: messages.auth.resetRequested };

  it("send at most 3 reset e-mails per address in 15 minutes, from any IP, with the same answer every time", async () => {
    const to = "agent@jolieville.test";
    for (let i = 0; i < THROTTLE.password_reset.perAccount; i++) {
      expect(await requestPasswordReset(to, `198.51.100.${60 + i}`)).toEqual(neutral);
    }
    expect(await mailsTo(to, "password-reset")).toBe(3);
    expect(await requestPasswordReset(to, "198.51.100.99")).toEqual(neutral);
    expect(await mailsTo(to, "password-reset")).toBe(3);
  });

  it("send nothing more from an IP after 20 requests, whatever the addresses, through the procedure the form calls", async () => {
    const fromIp = (ip: string) => createCaller(createInnerContext({ ip })).auth;
    const ip = "198.51.100.70";
    for (let i = 0; i < THROTTLE.password_reset.perIp; i++) {
      expect(await fromIp(ip).requestPasswordReset({ email: `inconnu-${i}@recre.test` })).toEqual(neutral);
    }
    expect(await fromIp(ip).requestPasswordReset({ email: "voisin@recre.test" })).toEqual(neutral);
    expect(await mailsTo("voisin@recre.test", "password-reset")).toBe(0);
    expect(await fromIp("198.51.100.71").requestPasswordReset({ email: "voisin@recre.test" })).toEqual(neutral);
    expect(await mailsTo("voisin@recre.test", "password-reset")).toBe(1);
  });

  it("count apart from failed sign-ins: an address slowed down by wrong passwords can still reset", async () => {
    const to = "animateur@jolieville.test";
    for (let i = 0; i < 4; i++) await signIn(to, "mauvais", "198.51.100.80");
    expect(await signIn(to, DEMO_PASSWORD, "198.51.100.80")).toEqual({ ok: false, reason: "throttled" });
    await requestPasswordReset(to, "198.51.100.80");
    expect(await mailsTo(to, "password-reset")).toBe(1);
  });

  it("limit magic links the same way, per address and per IP, silently", async () => {
    const to = "operateur@recre.test";
    const link = "http://localhost/api/auth/callback/resend?token=x";
    for (let i = 0; i < THROTTLE.magic_link.perAccount + 2; i++) await sendMagicLink(to, link, `198.51.100.${90 + i}`);
    expect(await mailsTo(to, "magic-link")).toBe(THROTTLE.magic_link.perAccount);

    const ip = "198.51.100.120";
    for (let i = 0; i < THROTTLE.magic_link.perIp; i++) await sendMagicLink(`inconnu-${i}@recre.test`, link, ip);
    await expect(sendMagicLink("parent@recre.test", link, ip)).resolves.toBeUndefined();
    expect(await mailsTo("parent@recre.test", "magic-link")).toBe(0);
    await sendMagicLink("parent@recre.test", link, "198.51.100.121");
    expect(await mailsTo("parent@recre.test", "magic-link")).toBe(1);
  });

  it("forget requests older than 15 minutes", async () => {
    const to = "admin@jolieville.test";
    const old = new Date(Date.now() - 16 * 60 * 1000);
    await withPlatform((tx) =>
      tx.insert(signInFailures).values(Array.from({ length: 3 }, () => ({ action: "password_reset" as const, email: to, ip: "198.51.100.130", at: old }))),
    );
    const before = await mailsTo(to, "password-reset");
    await requestPasswordReset(to, "198.51.100.130");
    expect(await mailsTo(to, "password-reset")).toBe(before + 1);
  });
});
