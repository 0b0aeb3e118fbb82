import { randomUUID } from "node:crypto";
import { count } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { emailOutbox, tenants, users } from "@/db/schema";
import { CERTIFICATE_MAX_BYTES } from "@/server/domain/absences/absences";
import { PHOTO_MAX_BYTES } from "@/server/domain/family/child-photo";
import { messages } from "@/common/messages";
import { publicProcedure, router } from "@/server/trpc";
import { loadDemo } from "../../fixtures/demo";
import { demoIds } from "../../fixtures/demo-ids";
import { callHttp } from "../../fixtures/http";

beforeAll(loadDemo);
afterEach(() => vi.restoreAllMocks());

const newTenant = {
  name: "Saint-Martin-d'Hères",
  slug: "saint-martin-d-heres",
  holidayZone: "A",
  timeZone: "Europe/Paris",
  billingMode: "invoice",
  adminEmail: "maire@saint-martin.test",
  adminName: "Claire Dupont",
};

async function counts() {
  const db = await getDb();
  const n = async (table: typeof tenants | typeof users | typeof emailOutbox) => (await db.select({ n: count() }).from(table))[0]!.n;
  return { tenants: await n(tenants), users: await n(users), outbox: await n(emailOutbox) };
}

const createTenant = (input: object) => callHttp("platform.createTenant", { ...newTenant, ...input }, { as: "operateur@recre.test" });

describe("platform.createTenant", () => {
  it.each([
    ["a reserved slug", { slug: "compte" }, "slug", `${messages.fields.slug} : ${messages.tenant.reservedSlug}`],
    ["another reserved slug", { slug: "connexion" }, "slug", `${messages.fields.slug} : ${messages.tenant.reservedSlug}`],
    ["a slug with capitals and a space", { slug: "Saint Martin" }, "slug", messages.fields.slug],
    ["an invalid admin e-mail", { adminEmail: "maire@" }, "adminEmail", messages.fields.adminEmail],
    ["an unknown time zone", { timeZone: "Europe/Jolieville" }, "timeZone", messages.fields.timeZone],
  ])("refuses %s with a French message naming the field, and writes nothing", async (_, input, field, text) => {
    const before = await counts();
    const { status, error } = await createTenant(input);
    expect(status).toBe(400);
    expect(error?.data.code).toBe("BAD_REQUEST");
    expect(error?.message).toContain(text);
    expect(error?.data.fieldErrors[field]).toContain(messages.fields[field]);
    expect(Object.keys(error!.data.fieldErrors)).toEqual([field]);
    expect(await counts()).toEqual(before);
  });

  it("names every wrong field at once", async () => {
    const { error } = await createTenant({ slug: "api", adminEmail: "x", name: "" });
    expect(Object.keys(error!.data.fieldErrors).sort()).toEqual(["adminEmail", "name", "slug"]);
    expect(error?.message).toContain(messages.fields.adminEmail);
    expect(error?.message).toContain(messages.fields.name);
  });

  it("answers CONFLICT in French for a slug already in use, and writes nothing", async () => {
    const before = await counts();
    const { status, error } = await createTenant({ slug: "jolieville" });
    expect(status).toBe(409);
    expect(error).toMatchObject({ message: messages.tenant.slugTaken, data: { code: "CONFLICT", field: "slug" } });
    expect(await counts()).toEqual(before);
  });

  it("accepts the same input with a free slug (so the refusals above are about the field)", async () => {
    const before = await counts();
    const { status, result } = await createTenant({});
    expect(status).toBe(200);
    expect(result).toMatchObject({ slug: "saint-martin-d-heres" });
    expect(await counts()).toEqual({ tenants: before.tenants + 1, users: before.users + 1, outbox: before.outbox + 1 });
  });
});

describe("checks without a sentence of their own", () => {
  it("say in plain French what the field needs, never the validation library's wording", async () => {
    const empty = await createTenant({ name: "" });
    expect(empty.error?.data.fieldErrors.name).toBe(`${messages.fields.name} : ${messages.validation.required}`);
    const short = await createTenant({ name: "X" });
    expect(short.error?.data.fieldErrors.name).toBe(`${messages.fields.name} : ${messages.validation.minLength(2)}`);

    const creditNote = (amountCents: number) =>
      callHttp("invoices.creditNote", { invoiceId: randomUUID(), amountCents, reason: "Repas non servi" }, { as: "agent@jolieville.test", commune: "jolieville" });
    // An emptied number field reaches the server as NaN.
    const blank = await creditNote(Number.NaN);
    expect(blank.error?.data.fieldErrors.amountCents).toBe(`${messages.fields.amountCents} : ${messages.validation.numberRequired}`);
    const fraction = await creditNote(2.5);
    expect(fraction.error?.data.fieldErrors.amountCents).toBe(`${messages.fields.amountCents} : ${messages.validation.integer}`);
    for (const { error } of [empty, short, blank, fraction]) expect(error?.message).not.toMatch(/Trop petit|attendu|reçu|NaN|>=/);
  });
});

describe("auth.changePassword", () => {
  const change = (input: object) =>
    callHttp("auth.changePassword", { currentPassword: "demo-recre-2026", ...input }, { as: "voisin@recre.test" });

  it("names the new password when it is too short", async () => {
    const { error } = await change({ newPassword: "court", confirmPassword: "court" });
    expect(error?.data.code).toBe("BAD_REQUEST");
    expect(error?.message).toBe(`${messages.fields.newPassword} : 10 caractères au minimum`);
    expect(error?.data.fieldErrors).toEqual({ newPassword: error?.message });
  });

  it("names the confirmation when it does not match", async () => {
    const { error } = await change({ newPassword: "un-long-mot-de-passe", confirmPassword: "un-autre-mot-de-passe" });
    expect(error?.message).toBe(`${messages.fields.confirmPassword} : ${messages.auth.passwordMismatch}`);
    expect(Object.keys(error!.data.fieldErrors)).toEqual(["confirmPassword"]);
  });

  it("says the current password is wrong, and points at that field", async () => {
    const { error } = await change({ currentPassword: "pas-le-bon", newPassword: "un-long-mot-de-passe", confirmPassword: "un-long-mot-de-passe" });
    expect(error).toMatchObject({ message: messages.auth.wrongCurrentPassword, data: { code: "BAD_REQUEST", field: "currentPassword" } });
  });
});

describe("an unexpected error", () => {
  const secret = "relation \"users\" column password_hash at /srv/recre/server/x.ts:12";
  const broken = router({
    boom: publicProcedure.mutation(() => {
      throw new Error(secret);
    }),
    boomQuery: publicProcedure.query(async () => {
      throw new TypeError(secret);
    }),
  });

  it.each([
    ["boom", "POST"],
    ["boomQuery", "GET"],
  ] as const)("from %s comes out as INTERNAL_SERVER_ERROR with the generic French message only", async (path, method) => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { status, error, body } = await callHttp(path, undefined, { router: broken, method });
    expect(status).toBe(500);
    expect(error).toMatchObject({ message: messages.errors.INTERNAL, data: { code: "INTERNAL_SERVER_ERROR" } });
    expect(error?.data.stack).toBeUndefined();
    expect(body).not.toMatch(/password_hash|\/srv\/|\.ts:\d|\s{4}at /);
    // Hidden from the user, not from the operator.
    expect(logged).toHaveBeenCalledWith("[recre] erreur inattendue", expect.objectContaining({ message: secret }));
  });
});

describe("uploads far over their limit", () => {
  // Longer than any base64 of the limit, yet well-formed: only a length cap refuses it before anything reads it.
  const huge = (maxBytes: number) => Buffer.alloc(Math.ceil(maxBytes * 1.5)).toString("base64");

  it("refuses a child photo at the procedure's door, naming the field in French", async () => {
    const { ids } = await demoIds();
    const photo = { name: "photo.png", type: "image/png", base64: huge(PHOTO_MAX_BYTES) };
    const { status, error } = await callHttp("family.setChildPhoto", { childId: ids.Sarah, photo }, { as: "parent@recre.test", commune: "jolieville" });
    expect(status).toBe(400);
    expect(error?.data.fieldErrors).toEqual({ "photo.base64": messages.childPhoto.size });
    expect(error?.message).toBe(messages.childPhoto.size);
  });

  it("refuses an absence certificate the same way", async () => {
    const { ids } = await demoIds();
    const certificate = { name: "certificat.pdf", type: "application/pdf", base64: huge(CERTIFICATE_MAX_BYTES) };
    const input = { childId: ids.Sarah, activityId: ids.Cantine, date: "2026-12-03", reason: "illness", certificate };
    const { status, error } = await callHttp("absences.report", input, { as: "parent@recre.test", commune: "jolieville" });
    expect(status).toBe(400);
    expect(error?.data.fieldErrors).toEqual({ "certificate.base64": messages.absences.certificate.size });
  });

  it("still lets the domain judge a file just over the limit, with the same words", async () => {
    const { ids } = await demoIds();
    const photo = { name: "photo.png", type: "image/png", base64: Buffer.alloc(PHOTO_MAX_BYTES + 1).toString("base64") };
    const { error } = await callHttp("family.setChildPhoto", { childId: ids.Sarah, photo }, { as: "parent@recre.test", commune: "jolieville" });
    expect(error).toMatchObject({ message: messages.childPhoto.size, data: { field: "photo", fieldErrors: {} } });
  });
});
