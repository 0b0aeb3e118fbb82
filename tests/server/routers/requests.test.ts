import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { attendance, creditNotes, emailOutbox, householdEvents, households, requests } from "@/db/schema";
import { withPlatform } from "@/db/transaction";
import { messages } from "@/common/messages";
import { fileForReader } from "@/server/domain/files/download";
import { requestCertificateDownload } from "@/server/downloads";
import { callerAs, loadDemo, userId } from "../../fixtures/demo";
import { demoIds } from "../../fixtures/demo-ids";
import { storedBytes } from "../../fixtures/files";

let d: Awaited<ReturnType<typeof demoIds>>;
const notFound = { code: "NOT_FOUND" };
/** A small but whole PDF: header, body, trailer, %%EOF. */
const pdf = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
const pdfUpload = (name = "justificatif.pdf", bytes = pdf) => ({ name, type: "application/pdf", base64: bytes.toString("base64") });

const parent = () => callerAs("parent@recre.test", "jolieville");
const agent = () => callerAs("agent@jolieville.test", "jolieville");

async function categoryId(kind: string) {
  const list = await (await parent()).requests.categories();
  return list.find((c) => c.kind === kind)!.id;
}

async function martinInvoiceId() {
  const mine = await (await parent()).invoices.mine();
  return [...mine.toPay, ...mine.paid][0]!.id;
}

const outboxTo = (address: string) => withPlatform((tx) => tx.select().from(emailOutbox).where(eq(emailOutbox.to, address)));

beforeAll(async () => {
  await loadDemo();
  d = await demoIds();
});

describe("the starter categories", () => {
  it("are set up in the demo communes, in order, each with its form and target time", async () => {
    const list = await (await parent()).requests.categories();
    expect(list.map((c) => c.name)).toEqual([
      "Changement d'adresse",
      "Contestation de facture",
      "Attestation de présence",
      "Autorisation de sortie / personne habilitée",
      "Question",
    ]);
    expect(list[0]).toMatchObject({ requiredAttachments: ["Justificatif de domicile"], handledBy: "agent", targetDays: 7 });
  });
});

describe("contesting an invoice", () => {
  it("goes from the parent's request with a PDF to an avoir issued from the request, with every step in the thread and e-mailed", async () => {
    const invoiceId = await martinInvoiceId();
    const { requestId } = await (await parent()).requests.submit({
      categoryId: await categoryId("invoice_dispute"),
      invoiceId,
      fields: { explanation: "Sarah était malade le 5 novembre : le repas ne devrait pas être facturé." },
      attachments: [pdfUpload("certificat.pdf")],
    });
    expect(await outboxTo("agent@jolieville.test")).toHaveLength(1);

    const inbox = await (await agent()).requests.inbox({ status: "sent" });
    expect(inbox.map((r) => r.id)).toContain(requestId);
    expect(await (await agent()).requests.counts()).toMatchObject({ waiting: 1, late: 0 });

    await (await agent()).requests.answer({ requestId, body: "Pouvez-vous préciser la date exacte ?" });
    expect((await (await parent()).requests.detail({ requestId })).status).toBe("awaiting_family");
    expect(await outboxTo("parent@recre.test")).toHaveLength(1);

    await (await parent()).requests.reply({ requestId, body: "Le jeudi 5 novembre." });
    expect((await (await agent()).requests.staffDetail({ requestId })).status).toBe("in_progress");

    const accepted = await (await agent()).requests.accept({ requestId, message: "Nous vous remboursons ce repas.", creditNote: { amountCents: 380, reason: "Repas du 5 novembre (maladie)" } });
    expect(accepted.creditNoteId).toBeTruthy();
    const [note] = await withPlatform((tx) => tx.select().from(creditNotes).where(eq(creditNotes.id, accepted.creditNoteId!)));
    expect(note).toMatchObject({ invoiceId, amountCents: 380, householdId: d.ids["JOL-00042"] });

    const detail = await (await parent()).requests.detail({ requestId });
    expect(detail).toMatchObject({ status: "accepted", statusLabel: "Acceptée", closed: true, creditNote: { amountCents: 380 }, invoice: { id: invoiceId } });
    expect(detail.events.filter((e) => e.kind === "message").map((e) => [e.side, e.body])).toEqual([
      ["family", ""],
      ["staff", "Pouvez-vous préciser la date exacte ?"],
      ["family", "Le jeudi 5 novembre."],
      ["staff", "Nous vous remboursons ce repas."],
    ]);
    const file = detail.events[0]!.files[0]!;
    expect(file.name).toBe("certificat.pdf");
    expect(await storedBytes(file.id)).toEqual(pdf);
    // Closed: nothing more can be added.
    await expect((await parent()).requests.reply({ requestId, body: "Merci" })).rejects.toMatchObject({ code: "CONFLICT", message: messages.demandes.closed });
  });

  it("must name one of the family's own invoices", async () => {
    const categoryIdValue = await categoryId("invoice_dispute");
    await expect((await parent()).requests.submit({ categoryId: categoryIdValue, fields: { explanation: "x" } })).rejects.toMatchObject({ message: messages.demandes.invoiceRequired });
    const martins = await martinInvoiceId();
    const voisin = await callerAs("voisin@recre.test", "jolieville");
    await expect(voisin.requests.submit({ categoryId: categoryIdValue, invoiceId: martins, fields: { explanation: "x" } })).rejects.toMatchObject(notFound);
  });
});

describe("attachments", () => {
  const submitWith = async (file: { name: string; type: string; base64: string }) =>
    (await parent()).requests.submit({ categoryId: await categoryId("question"), fields: { question: "Une question" }, attachments: [file] });

  it("refuses a truncated PDF, an HTML polyglot, PDF JavaScript and a fake image, naming the field", async () => {
    const bad = [
      pdfUpload("tronque.pdf", Buffer.from("%PDF-1.4\n1 0 obj << >> endobj\n")),
      pdfUpload("page.pdf", Buffer.from("%PDF-1.4\n<html><script>alert(1)</script></html>\n%%EOF\n")),
      pdfUpload("actif.pdf", Buffer.from("%PDF-1.4\n1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj\n%%EOF\n")),
      { name: "photo.png", type: "image/png", base64: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from("pas une image")]).toString("base64") },
    ];
    const before = (await (await parent()).requests.mine()).length;
    for (const file of bad) {
      await expect(submitWith(file)).rejects.toMatchObject({ code: "BAD_REQUEST", message: messages.demandes.files.mismatch });
    }
    expect(await (await parent()).requests.mine()).toHaveLength(before);
  });

  it("re-encodes images, dropping their metadata", async () => {
    const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#c33" } })
      .jpeg()
      .withMetadata({ exif: { IFD0: { Copyright: "GPS secret" } } })
      .toBuffer();
    expect(jpeg.includes(Buffer.from("GPS secret"))).toBe(true);
    const { requestId } = await submitWith({ name: "photo.jpg", type: "image/jpeg", base64: jpeg.toString("base64") });
    const file = (await (await parent()).requests.detail({ requestId })).events[0]!.files[0]!;
    const stored = await storedBytes(file.id);
    expect(stored!.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect(stored!.includes(Buffer.from("GPS secret"))).toBe(false);
  });

  it("requires the category's documents", async () => {
    await expect(
      (await parent()).requests.submit({ categoryId: await categoryId("address_change"), fields: { addressLine: "1 rue Neuve", postalCode: "69120", city: "Jolieville" } }),
    ).rejects.toMatchObject({ message: messages.demandes.attachmentsMissing(["Justificatif de domicile"]) });
  });
});

describe("an address change", () => {
  it("updates the family file when accepted, kept in the file's history", async () => {
    const { requestId } = await (await parent()).requests.submit({
      categoryId: await categoryId("address_change"),
      fields: { addressLine: "5 avenue des Platanes", postalCode: "69120", city: "Jolieville" },
      attachments: [pdfUpload("facture-edf.pdf")],
    });
    await (await agent()).requests.accept({ requestId });
    const [household] = await withPlatform((tx) => tx.select().from(households).where(eq(households.id, d.ids["JOL-00042"]!)));
    expect(household).toMatchObject({ addressLine: "5 avenue des Platanes", postalCode: "69120", city: "Jolieville" });
    const events = await withPlatform((tx) => tx.select().from(householdEvents).where(and(eq(householdEvents.householdId, household!.id), eq(householdEvents.kind, "address_changed"))));
    expect(events).toHaveLength(1);
    const history = await (await agent()).households.get({ householdId: household!.id });
    expect(JSON.stringify(history)).toContain("5 avenue des Platanes");
  });
});

describe("an attendance certificate", () => {
  it("is established from the pointages and downloaded by the family as a PDF", async () => {
    const sarah = d.ids.Sarah!;
    await withPlatform((tx) =>
      tx.insert(attendance).values(
        ["2026-11-02", "2026-11-03", "2026-11-05"].map((date) => ({ tenantId: d.jolieville.id, activityId: d.ids.Cantine!, date, childId: sarah, status: "present" as const })),
      ),
    );
    const { requestId } = await (await parent()).requests.submit({
      categoryId: await categoryId("attendance_certificate"),
      fields: { childName: "Sarah", from: "2026-11-01", to: "2026-11-30" },
    });
    await expect((await agent()).requests.accept({ requestId })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await (await agent()).requests.accept({ requestId, attendance: { childId: sarah, from: "2026-11-01", to: "2026-11-30" } });
    const detail = await (await parent()).requests.detail({ requestId });
    expect(detail.certificate?.url).toBe(`/api/demandes/jolieville/${requestId}/attestation`);

    const response = await requestCertificateDownload(await userId("parent@recre.test"), { commune: "jolieville", requestId });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="attestation-presence-Sarah-Martin-2026-11-01-2026-11-30.pdf"/);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    if (existsSync("/usr/bin/pdftotext")) {
      const file = path.join(mkdtempSync(path.join(tmpdir(), "attestation-")), "a.pdf");
      writeFileSync(file, bytes);
      const text = execFileSync("/usr/bin/pdftotext", ["-layout", "-enc", "UTF-8", file, "-"]).toString("utf8");
      expect(text).toContain("Attestation de présence");
      expect(text).toContain("Cantine : 3 jours");
    }
    // The neighbours, another commune's staff and a site agent get the same 404 as for nothing.
    for (const [email, commune] of [
      ["voisin@recre.test", "jolieville"],
      ["admin@val-fleuri.test", "jolieville"],
      ["animateur@jolieville.test", "jolieville"],
      ["parent@recre.test", "val-fleuri"],
    ] as const) {
      expect((await requestCertificateDownload(await userId(email), { commune, requestId })).status).toBe(404);
    }
  });
});

describe("a refusal", () => {
  it("needs a reason, which the family reads", async () => {
    const { requestId } = await (await parent()).requests.submit({ categoryId: await categoryId("question"), fields: { question: "Peut-on venir à 7 h ?" } });
    await expect((await agent()).requests.refuse({ requestId, reason: " " })).rejects.toMatchObject({ message: messages.demandes.refusalReasonRequired });
    await (await agent()).requests.refuse({ requestId, reason: "La garderie ouvre à 7 h 30." });
    expect(await (await parent()).requests.detail({ requestId })).toMatchObject({ status: "refused", statusLabel: "Refusée", refusalReason: "La garderie ouvre à 7 h 30." });
  });
});

describe("the inbox", () => {
  it("filters by category, assignee and lateness, and counts what is late", async () => {
    const { requestId } = await (await parent()).requests.submit({ categoryId: await categoryId("question"), fields: { question: "En retard ?" } });
    const agentId = await userId("agent@jolieville.test");
    await (await agent()).requests.assign({ requestId, assigneeUserId: agentId });
    expect((await (await agent()).requests.inbox({ assignee: "me" })).map((r) => r.id)).toContain(requestId);
    expect((await (await agent()).requests.inbox({ assignee: "none" })).map((r) => r.id)).not.toContain(requestId);
    // Eleven days later (target: 10 days), it is late.
    await withPlatform((tx) => tx.update(requests).set({ dueAt: new Date("2026-11-01T00:00:00Z") }).where(eq(requests.id, requestId)));
    expect((await (await agent()).requests.inbox({ late: true })).map((r) => r.id)).toEqual([requestId]);
    expect((await (await agent()).requests.counts()).late).toBe(1);
    const questions = await (await agent()).requests.inbox({ categoryId: await categoryId("question") });
    expect(questions.every((r) => r.categoryName === "Question")).toBe(true);
  });
});

describe("who sees a request and its files", () => {
  it("is its family and the commune's front desk: another family, another commune and a site agent get NOT_FOUND", async () => {
    const { requestId } = await (await parent()).requests.submit({
      categoryId: await categoryId("question"),
      fields: { question: "Privé" },
      attachments: [pdfUpload("prive.pdf")],
    });
    const fileId = (await (await parent()).requests.detail({ requestId })).events[0]!.files[0]!.id;
    const voisin = await callerAs("voisin@recre.test", "jolieville");
    await expect(voisin.requests.detail({ requestId })).rejects.toMatchObject(notFound);
    await expect(voisin.requests.reply({ requestId, body: "intrus" })).rejects.toMatchObject(notFound);
    expect(JSON.stringify(await voisin.requests.mine())).not.toContain(requestId);
    const otherAdmin = await callerAs("admin@val-fleuri.test", "val-fleuri");
    await expect(otherAdmin.requests.staffDetail({ requestId })).rejects.toMatchObject(notFound);
    await expect(otherAdmin.requests.accept({ requestId })).rejects.toMatchObject(notFound);
    const animateur = await callerAs("animateur@jolieville.test", "jolieville");
    await expect(animateur.requests.staffDetail({ requestId })).rejects.toMatchObject(notFound);
    await expect(animateur.requests.inbox({})).rejects.toMatchObject(notFound);
    for (const [email, commune] of [
      ["voisin@recre.test", "jolieville"],
      ["animateur@jolieville.test", "jolieville"],
      ["admin@val-fleuri.test", "jolieville"],
      ["admin@val-fleuri.test", "val-fleuri"],
    ] as const) {
      expect(await fileForReader({ userId: await userId(email), commune, fileId })).toBeNull();
    }
    expect(await fileForReader({ userId: await userId("agent@jolieville.test"), commune: "jolieville", fileId })).not.toBeNull();
    expect(await fileForReader({ userId: await userId("parent@recre.test"), commune: "jolieville", fileId })).not.toBeNull();
  });
});
