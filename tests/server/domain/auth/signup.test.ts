import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { emailOutbox, signupRequests, users } from "@/db/schema";
import { withPlatform } from "@/db/transaction";
import { authenticate } from "@/server/domain/auth/account";
import { confirmSignup, requestSignup, signupLinkIsUsable } from "@/server/domain/auth/signup";
import { messages } from "@/common/messages";
import { loadDemo } from "../../../fixtures/demo";
import { callHttp } from "../../../fixtures/http";

beforeAll(loadDemo);

const outboxTo = (to: string) => withPlatform((tx) => tx.select().from(emailOutbox).where(eq(emailOutbox.to, to)));
const tokenIn = (html: string) => /jeton=([A-Za-z0-9_-]+)/.exec(html)?.[1];
const userRow = async (email: string) => (await withPlatform((tx) => tx.select().from(users).where(eq(users.email, email))))[0];

describe("requestSignup", () => {
  // Each request hashes a password (argon2) and renders an e-mail: seconds apiece on a busy machine.
  it("answers the same for a new address and one that has an account; the e-mails differ", async () => {
    const fresh = await requestSignup({ method: "password", email: "Nouvelle@Famille.test", newPassword: "une-phrase-longue", confirmPassword: "une-phrase-longue", ip: "192.0.2.70" });
    const known = await requestSignup({ method: "password", email: "parent@recre.test", newPassword: "une-phrase-longue", confirmPassword: "une-phrase-longue", ip: "192.0.2.70" });
    expect(fresh).toEqual({ message: messages.signup.requested });
    expect(known).toEqual(fresh);
    const [confirm] = await outboxTo("nouvelle@famille.test");
    expect(confirm).toMatchObject({ template: "signup-confirm", subject: messages.signup.confirmSubject });
    expect(confirm!.html).toMatch(/\/inscription\/confirmer\?jeton=/);
    const existing = (await outboxTo("parent@recre.test")).filter((m) => m.template === "signup-existing");
    expect(existing).toHaveLength(1);
    expect(existing[0]!.html).toMatch(/\/connexion\/mot-de-passe-oublie/);
    expect(existing[0]!.html).not.toMatch(/jeton=/);
  });

  it("creates no account before the link is opened: the address cannot sign in", async () => {
    await requestSignup({ method: "password", email: "attente@famille.test", newPassword: "une-phrase-longue", confirmPassword: "une-phrase-longue", ip: "192.0.2.71" });
    expect(await userRow("attente@famille.test")).toBeUndefined();
    expect(await authenticate({ email: "attente@famille.test", password: "une-phrase-longue", ip: "192.0.2.71" })).toEqual({ ok: false, reason: "invalid" });
  });

  it("stops sending after 3 requests for one address in 15 minutes, still answering the same", async () => {
    for (let i = 0; i < 4; i++) {
      await expect(requestSignup({ method: "link", email: "insistant@famille.test", ip: `192.0.2.${80 + i}` })).resolves.toEqual({ message: messages.signup.requested });
    }
    expect(await outboxTo("insistant@famille.test")).toHaveLength(3);
  }, 90_000);
});

describe("confirmSignup", () => {
  it("opens the account with the chosen password and a verified address; the link then stops working", async () => {
    await requestSignup({ method: "password", email: "martine@famille.test", newPassword: "ma-phrase-secrete", confirmPassword: "ma-phrase-secrete", ip: "192.0.2.90" });
    const token = tokenIn((await outboxTo("martine@famille.test"))[0]!.html)!;
    expect(await signupLinkIsUsable(token)).toBe(true);
    await expect(confirmSignup(token)).resolves.toEqual({ email: "martine@famille.test", hasPassword: true });
    expect((await userRow("martine@famille.test"))?.emailVerified).toBeInstanceOf(Date);
    expect(await authenticate({ email: "martine@famille.test", password: "ma-phrase-secrete", ip: "192.0.2.90" })).toMatchObject({ ok: true });
    expect(await signupLinkIsUsable(token)).toBe(false);
    await expect(confirmSignup(token)).rejects.toMatchObject({ code: "BAD_REQUEST", message: messages.signup.invalidLink });
  });

  it("opens a link-only account without a password", async () => {
    await requestSignup({ method: "link", email: "sans-mdp@famille.test", ip: "192.0.2.91" });
    const token = tokenIn((await outboxTo("sans-mdp@famille.test"))[0]!.html)!;
    await expect(confirmSignup(token)).resolves.toEqual({ email: "sans-mdp@famille.test", hasPassword: false });
    expect((await userRow("sans-mdp@famille.test"))?.passwordHash).toBeNull();
  });

  it("a second request confirmed later never changes the password of the account the first one opened", async () => {
    await requestSignup({ method: "password", email: "double@famille.test", newPassword: "premiere-phrase", confirmPassword: "premiere-phrase", ip: "192.0.2.92" });
    await requestSignup({ method: "password", email: "double@famille.test", newPassword: "seconde-phrase!", confirmPassword: "seconde-phrase!", ip: "192.0.2.92" });
    const [first, second] = (await outboxTo("double@famille.test")).map((m) => tokenIn(m.html)!);
    await confirmSignup(first!);
    // Confirming one uses up every request of the address.
    await expect(confirmSignup(second!)).rejects.toMatchObject({ message: messages.signup.invalidLink });
    expect(await authenticate({ email: "double@famille.test", password: "premiere-phrase", ip: "192.0.2.92" })).toMatchObject({ ok: true });
  }, 90_000);

  it("refuses an expired link", async () => {
    await requestSignup({ method: "link", email: "tard@famille.test", ip: "192.0.2.93" });
    const token = tokenIn((await outboxTo("tard@famille.test"))[0]!.html)!;
    await withPlatform((tx) => tx.update(signupRequests).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(signupRequests.email, "tard@famille.test")));
    await expect(confirmSignup(token)).rejects.toMatchObject({ message: messages.signup.invalidLink });
    expect(await userRow("tard@famille.test")).toBeUndefined();
  });
});

describe("signup router", () => {
  it("names the field in French for a bad address or mismatched passwords, and writes nothing", async () => {
    const bad = await callHttp("signup.request", { method: "link", email: "pas-une-adresse" });
    expect(bad.status).toBe(400);
    expect(bad.error?.data.fieldErrors.email).toContain(messages.fields.email);
    const mismatch = await callHttp("signup.request", { method: "password", email: "x@famille.test", newPassword: "une-phrase-longue", confirmPassword: "autre-chose-longue" });
    expect(mismatch.error?.data.fieldErrors.confirmPassword).toContain(messages.auth.passwordMismatch);
    expect(await outboxTo("x@famille.test")).toHaveLength(0);
  });
});
