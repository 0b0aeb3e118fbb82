import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { applicationDocuments, applications, children, emailOutbox, enrolments, guardians, households, users } from "@/db/schema";
import { withPlatform } from "@/db/transaction";
import { messages } from "@/common/messages";
import type { ApplicationDraft } from "@/common/preregistration";
import { applicationDocumentDownload, applicationDocumentUpload } from "@/server/preregistration-files";
import { callerAs, loadDemo, tenantId, userId } from "../../../fixtures/demo";

beforeAll(loadDemo);

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");

async function newAccount(email: string) {
  await withPlatform((tx) => tx.insert(users).values({ email, name: email.split("@")[0], emailVerified: new Date() }).onConflictDoNothing());
  return userId(email);
}

const upload = async (email: string, documentTypeId: string, body: Buffer, type = "application/pdf", name = "justificatif.pdf", commune = "jolieville") =>
  applicationDocumentUpload(await userId(email), { commune, documentTypeId }, new Request("http://localhost/x", { method: "POST", body: new Uint8Array(body), headers: { "content-type": type, "x-file-name": encodeURIComponent(name) } }));

function draftFor(lastName: string, email: string, activityIds: string[] = []): ApplicationDraft {
  return {
    household: { name: `Famille ${lastName}`, addressLine: "8 allée des Pins", postalCode: "69120", city: "Jolieville", isResident: true },
    guardians: [
      { firstName: "Nora", lastName, email, phone: "06 12 34 56 78" },
      { firstName: "Paul", lastName, email: `paul.${lastName.toLowerCase()}@famille.test`, phone: "" },
    ],
    children: [
      { firstName: "Lina", lastName, birthDate: "2019-05-02", school: "École Jules Ferry", classLevel: "CE1", activityIds },
      { firstName: "Max", lastName, birthDate: "2021-01-20", school: "École Jules Ferry", classLevel: "MS", activityIds: [] },
    ],
  };
}

async function prepared(lastName: string) {
  const email = `${lastName.toLowerCase()}@famille.test`;
  await newAccount(email);
  const caller = await callerAs(email, "jolieville");
  const mine = await caller.preregistration.mine();
  return { email, caller, mine, required: mine.documentTypes.find((t) => t.required)! };
}

describe("a family's online pre-registration", () => {
  it("starts from the commune's document list and offer, with the account's e-mail as first guardian, and keeps a draft to resume", async () => {
    const { caller, mine, email } = await prepared("Roche");
    expect(mine.application).toBeNull();
    expect(mine.draft.guardians[0]!.email).toBe(email);
    expect(mine.documentTypes.map((t) => [t.label, t.required])).toContainEqual(["Justificatif de domicile de moins de 3 mois", true]);
    expect(mine.activities.map((a) => a.name)).toContain("Cantine");
    await caller.preregistration.saveDraft({ ...draftFor("Roche", email), children: [] });
    const again = await caller.preregistration.mine();
    expect(again.application).toMatchObject({ status: "draft" });
    expect(again.draft.household.addressLine).toBe("8 allée des Pins");
  });

  it("refuses to send an incomplete form, a birth date in the future or a missing required document, naming the field, and stays a draft", async () => {
    const { caller, email, required } = await prepared("Blanc");
    await caller.preregistration.saveDraft({ ...draftFor("Blanc", email), children: [] });
    await expect(caller.preregistration.submit()).rejects.toMatchObject({ message: `Enfants : ${messages.preregistration.childRequired}` });
    const future = draftFor("Blanc", email);
    future.children[0]!.birthDate = "2099-01-01";
    // Refused as soon as the children's step is saved, and the draft kept as it was.
    await expect(caller.preregistration.saveDraft(future)).rejects.toMatchObject({ message: `Date de naissance : ${messages.preregistration.birthDateFuture}`, cause: { field: "children.0.birthDate" } });
    expect((await caller.preregistration.mine()).draft.children).toEqual([]);
    await caller.preregistration.saveDraft(draftFor("Blanc", email));
    await expect(caller.preregistration.submit()).rejects.toMatchObject({ message: `Pièce justificative : ${messages.preregistration.documentMissing(required.label)}` });
    expect((await caller.preregistration.mine()).application?.status).toBe("draft");
  });

  it("refuses a 30 MB file or an executable with a French message naming the document, and stores nothing", async () => {
    const { email, caller, required } = await prepared("Vidal");
    await caller.preregistration.saveDraft(draftFor("Vidal", email));
    const big = await upload(email, required.id, Buffer.alloc(30 * 1024 * 1024, 0x25));
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({ message: `« ${required.label} » : le fichier ne doit pas dépasser 5 Mo`, field: `documents.${required.id}` });
    const exe = await upload(email, required.id, Buffer.from("MZ\x90\x00binaire"), "application/x-msdownload", "setup.exe");
    expect(exe.status).toBe(400);
    expect((await exe.json()).message).toBe(`« ${required.label} » : seuls les fichiers PDF, JPEG ou PNG sont acceptés`);
    const disguised = await upload(email, required.id, Buffer.from("MZ\x90\x00binaire"), "application/pdf", "facture.pdf");
    expect(disguised.status).toBe(400);
    expect((await caller.preregistration.mine()).documents).toEqual([]);
  });

  it("is sent once complete, can no longer be edited, and its documents are readable only by the family and the front desk", async () => {
    const { email, caller, required } = await prepared("Garnier");
    await caller.preregistration.saveDraft(draftFor("Garnier", email));
    const ok = await upload(email, required.id, PDF);
    expect(ok.status).toBe(200);
    const { document } = (await ok.json()) as { document: { id: string; name: string } };
    expect(document.name).toBe("justificatif.pdf");
    expect(await caller.preregistration.submit()).toMatchObject({ status: "submitted" });
    await expect(caller.preregistration.saveDraft(draftFor("Garnier", email))).rejects.toMatchObject({ code: "CONFLICT", message: messages.preregistration.notEditable });
    const read = async (who: string) => applicationDocumentDownload(await userId(who), { commune: "jolieville", documentId: document.id });
    expect((await read(email)).status).toBe(200);
    expect((await read("agent@jolieville.test")).headers.get("content-disposition")).toContain("attachment");
    for (const stranger of ["voisin@recre.test", "animateur@jolieville.test", "admin@val-fleuri.test"]) expect((await read(stranger)).status, stranger).toBe(404);
  });
});

describe("the staff queue", () => {
  async function submitted(lastName: string, activityIds: string[] = []) {
    const p = await prepared(lastName);
    await p.caller.preregistration.saveDraft(draftFor(lastName, p.email, activityIds));
    expect((await upload(p.email, p.required.id, PDF)).status).toBe(200);
    await p.caller.preregistration.submit();
    return { ...p, id: (await p.caller.preregistration.mine()).application!.id };
  }
  const agent = () => callerAs("agent@jolieville.test", "jolieville");
  const mailsTo = (to: string) => withPlatform((tx) => tx.select().from(emailOutbox).where(eq(emailOutbox.to, to)));

  it("accepts: household, guardians, children and enrolment requests, the account linked, the family e-mailed, the second guardian invited", async () => {
    const cantine = (await (await callerAs("parent@recre.test", "jolieville")).reservations.enrolableActivities()).find((a) => a.name === "Cantine")!.id;
    const { id, email } = await submitted("Morel", [cantine]);
    const staff = await agent();
    expect((await staff.dashboard.get()).toDo?.pendingApplications).toBeGreaterThan(0);
    const opened = await staff.preregistration.get({ applicationId: id });
    expect(opened.documents.map((d) => d.label)).toEqual(["Justificatif de domicile de moins de 3 mois"]);
    const decided = await staff.preregistration.decide({ applicationId: id, decision: "accept" });
    expect(decided).toMatchObject({ status: "accepted", reference: expect.stringMatching(/^JOL-\d{5}$/) });
    const family = await (await callerAs(email, "jolieville")).family.myFamily();
    expect(family.map((h) => [h.reference, h.addressLine, h.children.map((c) => c.firstName)])).toEqual([[decided.reference, "8 allée des Pins", ["Lina", "Max"]]]);
    const lina = family[0]!.children.find((c) => c.firstName === "Lina")!;
    const requested = await withPlatform((tx) => tx.select().from(enrolments).where(eq(enrolments.childId, lina.id)));
    expect(requested.map((e) => e.activityId)).toEqual([cantine]);
    expect((await mailsTo(email)).map((m) => m.template)).toContain("application-decided");
    expect((await mailsTo("paul.morel@famille.test")).map((m) => m.template)).toEqual(["family-invitation"]);
    await expect(staff.preregistration.decide({ applicationId: id, decision: "refuse", reason: "Trop tard" })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("merges into the existing family proposed as a duplicate (same child, same birth date), adding only what is new", async () => {
    const { id, email } = await submitted("Faure");
    const staff = await agent();
    const first = await staff.preregistration.decide({ applicationId: id, decision: "accept" });
    // The same family applies again from another account, with Lina already known.
    const second = await prepared("Faure2");
    const draft = draftFor("Faure", second.email);
    draft.guardians = [draft.guardians[0]!];
    draft.children[1] = { ...draft.children[1]!, firstName: "Léo", birthDate: "2022-06-01" };
    await second.caller.preregistration.saveDraft(draft);
    await upload(second.email, second.required.id, PDF);
    await second.caller.preregistration.submit();
    const secondId = (await second.caller.preregistration.mine()).application!.id;
    const opened = await staff.preregistration.get({ applicationId: secondId });
    expect(opened.duplicates.map((d) => d.reference)).toEqual([first.reference]);
    await staff.preregistration.decide({ applicationId: secondId, decision: "merge", householdId: first.householdId! });
    const kids = await withPlatform((tx) => tx.select({ firstName: children.firstName }).from(children).where(eq(children.householdId, first.householdId!)));
    expect(kids.map((k) => k.firstName).sort()).toEqual(["Lina", "Léo", "Max"]);
    const linked = await withPlatform((tx) => tx.select({ userId: guardians.userId }).from(guardians).where(eq(guardians.householdId, first.householdId!)));
    expect(linked.map((g) => g.userId)).toEqual(expect.arrayContaining([await userId(email), await userId(second.email)]));
  });

  it("asks for a missing document: the family is e-mailed, edits again and re-sends", async () => {
    const { id, email, caller } = await submitted("Lucas");
    const staff = await agent();
    await staff.preregistration.decide({ applicationId: id, decision: "ask_document", message: "Attestation CAF de moins de 3 mois" });
    const mine = await caller.preregistration.mine();
    expect(mine.application).toMatchObject({ status: "needs_document", staffMessage: "Attestation CAF de moins de 3 mois" });
    const mail = (await mailsTo(email)).find((m) => m.template === "application-decided")!;
    expect(mail.text).toContain("Attestation CAF de moins de 3 mois");
    await caller.preregistration.saveDraft(draftFor("Lucas", email));
    expect(await caller.preregistration.submit()).toMatchObject({ status: "submitted" });
  });

  it("refuses with a reason only, and then changes nothing else", async () => {
    const { id, email } = await submitted("Perrin");
    const staff = await agent();
    await expect(staff.preregistration.decide({ applicationId: id, decision: "refuse", reason: "  " })).rejects.toThrow(messages.preregistration.reasonRequired);
    await staff.preregistration.decide({ applicationId: id, decision: "refuse", reason: "Famille hors secteur" });
    const [row] = await withPlatform((tx) => tx.select().from(applications).where(eq(applications.id, id)));
    expect(row).toMatchObject({ status: "refused", staffMessage: "Famille hors secteur", householdId: null });
    const tenant = await tenantId("jolieville");
    const perrins = await withPlatform((tx) => tx.select().from(households).where(and(eq(households.tenantId, tenant), eq(households.name, "Famille Perrin"))));
    expect(perrins).toEqual([]);
    expect((await mailsTo(email)).some((m) => m.text.includes("Famille hors secteur"))).toBe(true);
  });

  it("is the front desk's: parents, site agents and other communes get NOT_FOUND; the documents stay with the application", async () => {
    const { id } = await submitted("Girard");
    for (const [who, commune] of [
      ["parent@recre.test", "jolieville"],
      ["animateur@jolieville.test", "jolieville"],
      ["admin@val-fleuri.test", "val-fleuri"],
    ] as const) {
      await expect((await callerAs(who, commune)).preregistration.get({ applicationId: id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    expect(await withPlatform((tx) => tx.select().from(applicationDocuments).where(eq(applicationDocuments.applicationId, id)))).toHaveLength(1);
  });
});
