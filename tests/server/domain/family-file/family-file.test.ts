import { and, count, eq, like } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditEvents, children, emailOutbox, familyChanges, guardians, households } from "@/db/schema";
import { withPlatform } from "@/db/transaction";
import { messages } from "@/common/messages";
import { readHealth } from "@/server/domain/family-file/health";
import { familyDocumentUpload } from "@/server/family-file-files";
import { callerAs, loadDemo, tenantId, userId } from "../../../fixtures/demo";
import { callHttp } from "../../../fixtures/http";

const ids = { martin: "", durand: "", sarah: "", chloe: "", tom: "", julie: "", thomas: "", jolieville: "" };
const m = messages.familyFile;
const notFound = { code: "NOT_FOUND" };

beforeAll(async () => {
  await loadDemo();
  ids.jolieville = await tenantId("jolieville");
  const rows = await withPlatform((tx) => tx.select({ id: households.id, reference: households.reference }).from(households));
  ids.martin = rows.find((r) => r.reference === "JOL-00042")!.id;
  ids.durand = rows.find((r) => r.reference === "JOL-00057")!.id;
  const kids = await withPlatform((tx) => tx.select({ id: children.id, firstName: children.firstName }).from(children));
  ids.sarah = kids.find((k) => k.firstName === "Sarah")!.id;
  ids.chloe = kids.find((k) => k.firstName === "Chloé")!.id;
  ids.tom = kids.find((k) => k.firstName === "Tom")!.id;
  const people = await withPlatform((tx) => tx.select({ id: guardians.id, firstName: guardians.firstName, tenantId: guardians.tenantId }).from(guardians));
  ids.julie = people.find((g) => g.firstName === "Julie" && g.tenantId === ids.jolieville)!.id;
  ids.thomas = people.find((g) => g.firstName === "Thomas")!.id;
});

const parent = () => callerAs("parent@recre.test", "jolieville");
const agent = () => callerAs("agent@jolieville.test", "jolieville");
const admin = () => callerAs("admin@jolieville.test", "jolieville");
const childRow = async (id: string) => (await withPlatform((tx) => tx.select().from(children).where(eq(children.id, id))))[0]!;
const changesCount = async () => (await withPlatform((tx) => tx.select({ n: count() }).from(familyChanges)))[0]!.n;
const audit = (action: string) => withPlatform((tx) => tx.select().from(auditEvents).where(eq(auditEvents.action, action)));

describe("a parent edits their own file", () => {
  it("changes a phone at once: the file shows it, the history keeps who, when, before and after", async () => {
    const p = await parent();
    const result = await p.familyFile.change({ householdId: ids.martin, guardianId: ids.julie, section: "guardian_contact", value: { phone: "06 01 02 03 04", email: "parent@recre.test", employer: "Mairie de Lyon" } });
    expect(result.status).toBe("applied");
    const file = await p.familyFile.get({ householdId: ids.martin });
    expect(file.guardians.find((g) => g.id === ids.julie)).toMatchObject({ phone: "06 01 02 03 04", employer: "Mairie de Lyon", isMe: true });
    const history = await (await agent()).familyFiles.history({ householdId: ids.martin });
    expect(history[0]).toMatchObject({ section: "guardian_contact", status: "applied", before: "06 12 34 56 78 · parent@recre.test", after: "06 01 02 03 04 · parent@recre.test · Mairie de Lyon", requestedByName: "Julie Martin" });
    expect((await audit("family.changed")).some((a) => a.householdId === ids.martin && a.detail.section === "guardian_contact")).toBe(true);
  });

  it("adds an allergy that waits for staff: pending on both sides, the child's record unchanged until accepted", async () => {
    const p = await parent();
    const allergies = [{ allergen: "Arachide", severity: "severe" as const, note: "" }, { allergen: "Kiwi", severity: "legere" as const, note: "démangeaisons" }];
    const result = await p.familyFile.change({ householdId: ids.martin, childId: ids.chloe, section: "allergies", value: { allergies } });
    expect(result.status).toBe("pending");
    expect(readHealth(ids.jolieville, await childRow(ids.chloe)).allergies.map((a) => a.allergen)).toEqual(["Arachide"]);
    expect((await p.familyFile.get({ householdId: ids.martin })).pending).toMatchObject([{ section: "allergies", status: "pending", after: "Arachide (sévère), Kiwi (légère)" }]);
    const pending = await (await agent()).familyFiles.pending();
    const mine = pending.find((c) => c.id === result.changeId)!;
    expect(mine).toMatchObject({ household: { reference: "JOL-00042" }, before: "Arachide (sévère)", after: "Arachide (sévère), Kiwi (légère)" });

    await (await agent()).familyFiles.decide({ changeId: result.changeId, decision: "accepted", reason: "" });
    const chloe = await childRow(ids.chloe);
    expect(chloe.health).not.toContain("Kiwi");
    expect(chloe.hasAllergies).toBe(true);
    expect(readHealth(ids.jolieville, chloe).allergies).toEqual(allergies);
    expect((await p.familyFile.get({ householdId: ids.martin })).pending).toEqual([]);
    const mails = await withPlatform((tx) => tx.select().from(emailOutbox).where(eq(emailOutbox.template, "family-change-decided")));
    expect(mails.map((x) => x.to)).toContain("parent@recre.test");
    await expect((await agent()).familyFiles.decide({ changeId: result.changeId, decision: "refused", reason: "trop tard" })).rejects.toMatchObject({ message: m.alreadyDecided });
  });

  it("adds a child only once staff confirm it; a refusal needs a reason, which the family is told", async () => {
    const p = await parent();
    const value = { firstName: "Léa", lastName: "Martin", birthDate: "2022-01-10", school: "", classLevel: "" as const };
    const first = await p.familyFile.change({ householdId: ids.martin, section: "child_added", value });
    expect(first.status).toBe("pending");
    expect((await p.familyFile.get({ householdId: ids.martin })).children.map((c) => c.firstName)).not.toContain("Léa");
    await expect((await agent()).familyFiles.decide({ changeId: first.changeId, decision: "refused", reason: "" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const accepted = await (await agent()).familyFiles.decide({ changeId: first.changeId, decision: "accepted", reason: "" });
    expect((await p.familyFile.get({ householdId: ids.martin })).children.map((c) => c.firstName)).toContain("Léa");
    expect(accepted.childId).toBeTruthy();

    const second = await p.familyFile.change({ householdId: ids.martin, section: "child_added", value: { ...value, firstName: "Lou" } });
    await (await agent()).familyFiles.decide({ changeId: second.changeId, decision: "refused", reason: "Lou est déjà inscrite dans une autre famille" });
    expect((await p.familyFile.history({ householdId: ids.martin })).find((c) => c.id === second.changeId)).toMatchObject({ status: "refused", reason: "Lou est déjà inscrite dans une autre famille" });
  });

  it("sets pickups, authorisations, diet, insurance and CAF number", async () => {
    const p = await parent();
    await p.familyFile.change({ householdId: ids.martin, childId: ids.sarah, section: "pickups", value: { pickups: [{ name: "Paul Martin", phone: "06 11 11 11 11", relationship: "grand-père" }] } });
    await p.familyFile.change({ householdId: ids.martin, childId: ids.sarah, section: "authorisations", value: { imageRights: true, leavesAlone: true, leavesAloneFrom: "à partir de 17 h" } });
    await p.familyFile.change({ householdId: ids.martin, childId: ids.sarah, section: "diet", value: { diet: "sans_gluten" } });
    await p.familyFile.change({ householdId: ids.martin, section: "insurance", value: { company: "MAIF", policy: "123", expiresOn: "2027-08-31", certificateFileId: null } });
    await p.familyFile.change({ householdId: ids.martin, section: "caf", value: { cafNumber: "1234567" } });
    const file = await p.familyFile.get({ householdId: ids.martin });
    expect(file.children.find((c) => c.id === ids.sarah)).toMatchObject({ imageRights: true, leavesAlone: true, leavesAloneFrom: "à partir de 17 h", diet: "sans_gluten", pickups: [{ name: "Paul Martin", phone: "06 11 11 11 11", relationship: "grand-père" }] });
    expect(file.household).toMatchObject({ cafNumber: "1234567", insurance: { company: "MAIF", policy: "123", expiresOn: "2027-08-31" } });
  });

  it("adds a second guardian invited by e-mail (an account linked to the file), and removes a guardian", async () => {
    const p = await parent();
    const added = await p.familyFile.change({ householdId: ids.martin, section: "guardian_added", value: { firstName: "Anne", lastName: "Martin", email: "anne.martin@exemple.test", phone: "", relationship: "belle-mère", invite: true } });
    expect(added.status).toBe("applied");
    const invitation = await withPlatform((tx) => tx.select().from(emailOutbox).where(and(eq(emailOutbox.template, "family-invitation"), eq(emailOutbox.to, "anne.martin@exemple.test"))));
    expect(invitation).toHaveLength(1);
    const anne = (await p.familyFile.get({ householdId: ids.martin })).guardians.find((g) => g.firstName === "Anne")!;
    expect(anne.hasAccount).toBe(true);
    await p.familyFile.change({ householdId: ids.martin, guardianId: anne.id, section: "guardian_removed", value: {} });
    expect((await p.familyFile.get({ householdId: ids.martin })).guardians.map((g) => g.firstName)).not.toContain("Anne");
    await expect(p.familyFile.change({ householdId: ids.martin, guardianId: ids.julie, section: "guardian_removed", value: {} })).rejects.toMatchObject({ message: m.selfRemoval });
  });
});

describe("bad input", () => {
  it("gets a French message naming the field, and nothing is written", async () => {
    const p = await parent();
    const before = await changesCount();
    await expect(p.familyFile.change({ householdId: ids.martin, section: "child_added", value: { firstName: "Zoé", lastName: "Martin", birthDate: "2099-01-01", school: "", classLevel: "" } })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: `${messages.fields.birthDate} : ${messages.familyCreation.birthDateFuture}`,
    });
    const badPhone = await callHttp("familyFile.change", { householdId: ids.martin, guardianId: ids.julie, section: "guardian_contact", value: { phone: "12", email: "", employer: "" } }, { as: "parent@recre.test", commune: "jolieville" });
    expect(badPhone.status).toBe(400);
    expect(badPhone.error?.data.fieldErrors).toEqual({ "value.phone": `${messages.fields.phone} : ${m.phoneInvalid}` });
    await expect(p.familyFile.change({ householdId: ids.martin, childId: ids.sarah, section: "health", value: { hasPai: false, paiFileId: null, disabilityNeed: false, disabilityNeeds: "", doctorName: "", doctorPhone: "", vaccinationsUpToDate: true, vaccinationsDate: "2099-01-01", vaccinationsDueOn: "", vaccinationFileId: null } })).rejects.toMatchObject({
      message: `${messages.fields.vaccinationsDate} : ${m.futureDate}`,
    });
    // Documents (an executable, 30 Mo) are refused by their upload route: tests/server/family-file-files.test.ts.
    expect(await changesCount()).toBe(before);
  });

  it("refuses a diet the commune does not offer, and a document of another kind", async () => {
    await (await admin()).familyFiles.setSettings({ offeredDiets: ["sans_porc"], reviewedSections: ["allergies"] });
    const p = await parent();
    await expect(p.familyFile.change({ householdId: ids.martin, childId: ids.sarah, section: "diet", value: { diet: "sans_viande" } })).rejects.toMatchObject({ message: `${messages.fields.diet} : ${m.dietNotOffered}` });
    const pdf = Buffer.from("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF");
    const request = new Request("http://localhost/x", { method: "POST", body: new Uint8Array(pdf), headers: { "content-type": "application/pdf", "x-file-name": "pai.pdf" } });
    const sent = await familyDocumentUpload(await userId("parent@recre.test"), { commune: "jolieville", householdId: ids.martin, kind: "pai_document" }, request);
    const { fileId } = (await sent.json()) as { fileId: string };
    await expect(p.familyFile.change({ householdId: ids.martin, section: "insurance", value: { company: "MAIF", policy: "1", expiresOn: "", certificateFileId: fileId } })).rejects.toMatchObject({ message: `${messages.fields.certificateFileId} : ${m.unknownFile}` });
  });
});

describe("the commune's settings", () => {
  it("decide which sections wait: with the address reviewed it is pending, without it applies at once; staff changes always apply", async () => {
    const a = await admin();
    await a.familyFiles.setSettings({ offeredDiets: ["sans_porc", "sans_viande", "vegetarien", "sans_gluten"], reviewedSections: ["address"] });
    const p = await parent();
    const address = { addressLine: "1 place Neuve", postalCode: "69120", city: "Jolieville", proofFileId: null };
    expect((await p.familyFile.change({ householdId: ids.martin, section: "address", value: address })).status).toBe("pending");
    expect((await p.familyFile.change({ householdId: ids.martin, childId: ids.sarah, section: "allergies", value: { allergies: [] } })).status).toBe("applied");
    expect((await (await agent()).familyFiles.change({ householdId: ids.martin, section: "address", value: address })).status).toBe("applied");
    expect(await a.familyFiles.settings()).toEqual({ offeredDiets: ["sans_porc", "sans_viande", "vegetarien", "sans_gluten"], reviewedSections: ["child_added", "address"] });
  });
});

describe("health data", () => {
  it("is logged on every staff read of the file and listed for the commune's admins, never for a parent's read", async () => {
    const before = (await audit("health.viewed")).length;
    await (await parent()).familyFile.get({ householdId: ids.martin });
    expect((await audit("health.viewed")).length).toBe(before);
    await (await agent()).familyFiles.get({ householdId: ids.durand });
    const views = await (await admin()).familyFiles.healthViews({ householdId: ids.durand });
    expect(views[0]).toMatchObject({ childId: ids.tom, childName: "Tom Durand", actorEmail: "agent@jolieville.test", via: "family_file" });
    await expect((await agent()).familyFiles.healthViews({})).rejects.toMatchObject(notFound);
  });

  it("is never stored in plaintext", async () => {
    const rows = await withPlatform((tx) => tx.select({ health: children.health }).from(children).where(like(children.health, "%Arachide%")));
    expect(rows).toEqual([]);
    const changes = await withPlatform((tx) => tx.select({ after: familyChanges.after }).from(familyChanges));
    expect(changes.every((c) => c.after.startsWith("h1.") && !c.after.includes("Kiwi"))).toBe(true);
  });
});

describe("access", () => {
  it("keeps another family, another commune and site agents out of a family file (NOT_FOUND)", async () => {
    const voisin = await callerAs("voisin@recre.test", "jolieville");
    await expect(voisin.familyFile.get({ householdId: ids.martin })).rejects.toMatchObject(notFound);
    await expect(voisin.familyFile.change({ householdId: ids.martin, childId: ids.sarah, section: "diet", value: { diet: "standard" } })).rejects.toMatchObject(notFound);
    // Their own household, someone else's child.
    await expect(voisin.familyFile.change({ householdId: ids.durand, childId: ids.sarah, section: "diet", value: { diet: "standard" } })).rejects.toMatchObject(notFound);
    await expect((await callerAs("admin@val-fleuri.test", "val-fleuri")).familyFiles.get({ householdId: ids.martin })).rejects.toMatchObject(notFound);
    await expect((await callerAs("animateur@jolieville.test", "jolieville")).familyFiles.get({ householdId: ids.martin })).rejects.toMatchObject(notFound);
    const before = await changesCount();
    expect(await changesCount()).toBe(before);
  });
});

describe("the file review before the new school year", () => {
  it("e-mails every family, flags what expires before the rentrée, and shows who has checked", async () => {
    const db = await getDb();
    const sent = (await db.select({ n: count() }).from(emailOutbox).where(eq(emailOutbox.template, "family-file-review")))[0]!.n;
    const a = await admin();
    const started = await a.familyFiles.startReview();
    expect(started.emails).toBeGreaterThanOrEqual(2);
    expect((await db.select({ n: count() }).from(emailOutbox).where(eq(emailOutbox.template, "family-file-review")))[0]!.n).toBe(sent + started.emails);
    await expect(a.familyFiles.startReview()).rejects.toMatchObject({ message: m.reviewAlreadyRequested });

    const voisin = await callerAs("voisin@recre.test", "jolieville");
    const review = await voisin.familyFile.review({ householdId: ids.durand });
    expect(review).toMatchObject({ requested: true, reviewedAt: null, warnings: [m.expiring.insuranceMissing] });
    await voisin.familyFile.markReviewed({ householdId: ids.durand });
    const status = await a.familyFiles.reviewStatus();
    expect(status.families.find((f) => f.id === ids.durand)?.reviewedAt).toBeTruthy();
    expect(status.families.find((f) => f.id === ids.martin)?.reviewedAt).toBeNull();
    await expect(voisin.familyFile.markReviewed({ householdId: ids.martin })).rejects.toMatchObject(notFound);
  });
});
