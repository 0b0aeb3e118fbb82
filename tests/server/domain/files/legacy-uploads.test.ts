import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDatabase } from "@/db";
import { absenceReports, children } from "@/db/schema";
import { withPlatform } from "@/db/transaction";
import { reportAbsence } from "@/server/domain/absences/absences";
import { moveLegacyUploads } from "@/server/domain/files/legacy-uploads";
import { loadDemo } from "../../../fixtures/demo";
import { book, demoIds } from "../../../fixtures/demo-ids";
import { storedBytes, storedFileRows } from "../../../fixtures/files";

let d: Awaited<ReturnType<typeof demoIds>>;
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]).toString("base64");
const pdf = Buffer.from("%PDF-1.4\n% ancien certificat\n").toString("base64");

beforeAll(async () => {
  await loadDemo();
  d = await demoIds();
});

describe("moving uploads kept in table rows into storage (start-up)", () => {
  it("moves photos and certificates once, clears the rows, and drops content that is not what it claims", async () => {
    await book(d.jolieville, d.parent, [{ childId: d.ids.Sarah!, activityId: d.ids.Cantine!, date: "2026-12-03", action: "book" }]);
    const report = await reportAbsence(
      { tenant: d.jolieville, actor: d.parent, now: new Date("2026-12-01T10:00:00Z") },
      { childId: d.ids.Sarah!, activityId: d.ids.Cantine!, date: "2026-12-03", reason: "illness" },
    );
    // As an earlier version wrote them.
    await withPlatform(async (tx) => {
      await tx.update(children).set({ photo: `data:image/png;base64,${png}` }).where(eq(children.id, d.ids.Sarah!));
      await tx.update(children).set({ photo: `data:image/png;base64,${Buffer.from("<html>").toString("base64")}` }).where(eq(children.id, d.ids.Tom!));
      await tx.update(absenceReports).set({ certificate: pdf, certificateName: "<b>certif</b>.pdf", certificateType: "application/pdf" }).where(eq(absenceReports.id, report.id));
    });

    expect(await moveLegacyUploads((await getDatabase()).db)).toBe(3);
    const [sarah, tom] = await withPlatform(async (tx) => [
      (await tx.select().from(children).where(eq(children.id, d.ids.Sarah!)))[0]!,
      (await tx.select().from(children).where(eq(children.id, d.ids.Tom!)))[0]!,
    ]);
    expect(sarah.photo).toBeNull();
    expect((await storedBytes(sarah.photoFileId))!.toString("base64")).toBe(png);
    expect(tom).toMatchObject({ photo: null, photoFileId: null });
    const [row] = await withPlatform((tx) => tx.select().from(absenceReports).where(eq(absenceReports.id, report.id)));
    expect(row).toMatchObject({ certificate: null, certificateName: "b certif b.pdf", certificateType: "application/pdf" });
    expect((await storedBytes(row!.certificateFileId))!.toString("base64")).toBe(pdf);
    const files = await storedFileRows();
    expect(files.map((f) => [f.kind, f.householdId]).sort()).toEqual([
      ["absence_certificate", d.parent.householdIds[0]],
      ["child_photo", d.parent.householdIds[0]],
    ]);

    // A second start finds nothing left to move.
    expect(await moveLegacyUploads((await getDatabase()).db)).toBe(0);
    expect((await storedFileRows()).length).toBe(2);
  });
});
