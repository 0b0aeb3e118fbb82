import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { households, storedFiles } from "@/db/schema";
import { withPlatform } from "@/db/transaction";
import { messages } from "@/common/messages";
import { familyDocumentUpload } from "@/server/family-file-files";
import { callerAs, loadDemo, userId } from "../fixtures/demo";

beforeAll(loadDemo);

const m = messages.familyFile.document;
const ids = { martin: "", durand: "" };
beforeAll(async () => {
  const rows = await withPlatform((tx) => tx.select({ id: households.id, reference: households.reference }).from(households));
  ids.martin = rows.find((r) => r.reference === "JOL-00042")!.id;
  ids.durand = rows.find((r) => r.reference === "JOL-00057")!.id;
});

/** A whole PDF of about `size` bytes: a header, filler in a comment-free stream, and its end. */
const pdfOf = (size: number) => Buffer.concat([Buffer.from("%PDF-1.4\n1 0 obj\n<< /Length 0 >>\nstream\n"), Buffer.alloc(size, 0x20), Buffer.from("\nendstream\nendobj\ntrailer\n<<>>\n%%EOF\n")]);

async function upload(email: string | null, householdId: string, body: Buffer, options: { kind?: string; type?: string; name?: string; commune?: string } = {}) {
  const request = new Request("http://localhost/x", {
    method: "POST",
    body: new Uint8Array(body),
    headers: { "content-type": options.type ?? "application/pdf", "x-file-name": encodeURIComponent(options.name ?? "attestation.pdf") },
  });
  const response = await familyDocumentUpload(email ? await userId(email) : null, { commune: options.commune ?? "jolieville", householdId, kind: options.kind ?? "insurance_certificate" }, request);
  return { status: response.status, body: (await response.json()) as { fileId?: string; name?: string; message?: string; field?: string } };
}

const storedCount = async () => (await withPlatform((tx) => tx.select({ n: count() }).from(storedFiles)))[0]!.n;

describe("POST /api/dossier/{commune}/{householdId}/pieces/{kind}", () => {
  it("takes a 3 MB PDF insurance certificate from the family, which the file then names", async () => {
    const sent = await upload("parent@recre.test", ids.martin, pdfOf(3 * 1024 * 1024), { name: "Attestation assurance 2026.pdf" });
    expect(sent.status).toBe(200);
    expect(sent.body.name).toBe("Attestation assurance 2026.pdf");
    const [row] = await withPlatform((tx) => tx.select().from(storedFiles).where(eq(storedFiles.id, sent.body.fileId!)));
    expect(row).toMatchObject({ householdId: ids.martin, kind: "insurance_certificate", contentType: "application/pdf" });
    const p = await callerAs("parent@recre.test", "jolieville");
    const saved = await p.familyFile.change({ householdId: ids.martin, section: "insurance", value: { company: "MAIF", policy: "123456", expiresOn: "2027-08-31", certificateFileId: sent.body.fileId! } });
    expect(saved.status).toBeDefined();
  });

  it("takes one for any family from the front desk", async () => {
    const sent = await upload("agent@jolieville.test", ids.durand, pdfOf(1000), { kind: "pai_document", name: "pai.pdf" });
    expect(sent.status).toBe(200);
  });

  it("refuses a 30 MB file, a file just over 5 MB, an executable and a disguised one with a French message naming the document, and stores nothing", async () => {
    const before = await storedCount();
    const huge = await upload("parent@recre.test", ids.martin, Buffer.alloc(30 * 1024 * 1024, 0x25));
    expect(huge).toEqual({ status: 413, body: { message: m.size, field: "document" } });
    const over = await upload("parent@recre.test", ids.martin, pdfOf(5 * 1024 * 1024));
    expect(over).toEqual({ status: 413, body: { message: m.size, field: "document" } });
    const exe = await upload("parent@recre.test", ids.martin, Buffer.from("MZ\x90\x00binaire"), { type: "application/x-msdownload", name: "setup.exe" });
    expect(exe).toEqual({ status: 400, body: { message: m.type, field: "document" } });
    const disguised = await upload("parent@recre.test", ids.martin, Buffer.from("MZ\x90\x00binaire"), { name: "attestation.pdf" });
    expect(disguised).toEqual({ status: 400, body: { message: m.mismatch, field: "document" } });
    const unknownKind = await upload("parent@recre.test", ids.martin, pdfOf(100), { kind: "photo_identite" });
    expect(unknownKind).toEqual({ status: 400, body: { message: m.kind, field: "document" } });
    expect(m.size).toMatch(/^Document : .*5 Mo/);
    expect(await storedCount()).toBe(before);
  });

  it("answers 401 without a session, and the 404 of a missing file to another family, a site agent and another commune", async () => {
    const before = await storedCount();
    expect((await upload(null, ids.martin, pdfOf(100))).status).toBe(401);
    expect(await upload("parent@recre.test", ids.durand, pdfOf(100))).toEqual({ status: 404, body: { message: messages.errors.NOT_FOUND } });
    expect((await upload("animateur@jolieville.test", ids.martin, pdfOf(100))).status).toBe(404);
    expect((await upload("admin@jolieville.test", ids.martin, pdfOf(100), { commune: "val-fleuri" })).status).toBe(404);
    expect((await upload("parent@recre.test", "not-a-uuid", pdfOf(100))).status).toBe(404);
    expect(await storedCount()).toBe(before);
  });
});
