import { beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "@/db/transaction";
import { fileForReader } from "@/server/domain/files/download";
import { putUpload, recordFile } from "@/server/domain/files/stored-files";
import { callerAs, loadDemo, userId } from "../../../fixtures/demo";
import { demoIds } from "../../../fixtures/demo-ids";

beforeAll(loadDemo);

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

async function storedFor(householdId: string, kind: "pai_document" | "vaccination_record" | "child_photo") {
  const { jolieville } = await demoIds();
  const file = await putUpload(jolieville.id, kind, kind === "child_photo" ? { name: "photo.png", type: "image/png", bytes: PNG } : { name: `${kind}.pdf`, type: "application/pdf", bytes: PDF });
  return withTenant(jolieville.id, (tx) => recordFile(tx, jolieville.id, { householdId, kind, file }));
}
const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");

async function journalOf(householdId: string) {
  const admin = await callerAs("admin@jolieville.test", "jolieville");
  return (await admin.rgpd.journal({ householdId })).entries;
}

describe("staff downloads of health documents", () => {
  it("are written to the audit log, with who, which family and which kind, and read in the journal", async () => {
    const { ids } = await demoIds();
    const martin = ids["JOL-00042"]!;
    const pai = await storedFor(martin, "pai_document");
    const vaccination = await storedFor(martin, "vaccination_record");
    const before = (await journalOf(martin)).filter((e) => e.action === "health.document_downloaded").length;

    expect(await fileForReader({ userId: await userId("agent@jolieville.test"), commune: "jolieville", fileId: pai })).not.toBeNull();
    expect(await fileForReader({ userId: await userId("admin@jolieville.test"), commune: "jolieville", fileId: vaccination })).not.toBeNull();

    const logged = (await journalOf(martin)).filter((e) => e.action === "health.document_downloaded");
    expect(logged).toHaveLength(before + 2);
    expect(logged).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ label: expect.stringContaining("document de santé"), detail: { kind: "pai_document", fileId: pai }, household: expect.objectContaining({ reference: "JOL-00042" }) }),
        expect.objectContaining({ detail: { kind: "vaccination_record", fileId: vaccination } }),
      ]),
    );
    const agentName = logged.find((e) => e.detail.fileId === pai)!.who;
    expect(agentName).not.toBe("agent de la mairie");
  });

  it("are not logged when the family reads its own file, nor when a refused reader gets 404, nor for a photo", async () => {
    const { ids } = await demoIds();
    const martin = ids["JOL-00042"]!;
    const pai = await storedFor(martin, "pai_document");
    const photo = await storedFor(martin, "child_photo");
    const before = (await journalOf(martin)).filter((e) => e.action === "health.document_downloaded").length;
    expect(await fileForReader({ userId: await userId("parent@recre.test"), commune: "jolieville", fileId: pai })).not.toBeNull();
    expect(await fileForReader({ userId: await userId("voisin@recre.test"), commune: "jolieville", fileId: pai })).toBeNull();
    expect(await fileForReader({ userId: await userId("animateur@jolieville.test"), commune: "jolieville", fileId: pai })).toBeNull();
    expect(await fileForReader({ userId: await userId("admin@jolieville.test"), commune: "jolieville", fileId: photo })).not.toBeNull();
    expect((await journalOf(martin)).filter((e) => e.action === "health.document_downloaded")).toHaveLength(before);
  });
});
