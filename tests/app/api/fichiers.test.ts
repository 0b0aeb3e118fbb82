import { beforeAll, describe, expect, it, vi } from "vitest";
import { withPlatform } from "@/db/transaction";
import { children } from "@/db/schema";
import { eq } from "drizzle-orm";
import { setChildPhoto } from "@/server/domain/family/child-photo";
import { reportAbsence } from "@/server/domain/absences/absences";
import { staffActor } from "@/server/domain/scope";
import { loadDemo, userId } from "../../fixtures/demo";
import { book, demoIds } from "../../fixtures/demo-ids";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/server/auth", () => ({ auth: async () => (session.userId ? { user: { id: session.userId } } : null) }));
const { GET } = await import("@/app/api/fichiers/[commune]/[fileId]/route");

let d: Awaited<ReturnType<typeof demoIds>>;
let photoId: string;
let certificateId: string;
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
const pdf = Buffer.from("%PDF-1.7\n% certificat\n");

beforeAll(async () => {
  await loadDemo();
  d = await demoIds();
  // Sarah (the Dupont family, parent@recre.test): a photo, and a certificate for Thursday's canteen reported on Tuesday.
  ({ photoFileId: photoId } = (await setChildPhoto(
    { tenant: d.jolieville, actor: d.parent, now: new Date() },
    { childId: d.ids.Sarah!, photo: { name: "<b>sarah</b>.png", type: "image/png", base64: png.toString("base64") } },
  )) as { photoFileId: string });
  await book(d.jolieville, d.parent, [{ childId: d.ids.Sarah!, activityId: d.ids.Cantine!, date: "2026-12-03", action: "book" }]);
  const report = await reportAbsence(
    { tenant: d.jolieville, actor: d.parent, now: new Date("2026-12-01T10:00:00Z") },
    { childId: d.ids.Sarah!, activityId: d.ids.Cantine!, date: "2026-12-03", reason: "illness", certificate: { name: "certificat médical.html", type: "application/pdf", base64: pdf.toString("base64") } },
  );
  certificateId = (await withPlatform((tx) => tx.query.absenceReports.findFirst({ where: (r, { eq: is }) => is(r.id, report.id) })))!.certificateFileId!;
});

async function download(as: string | null, commune: string, fileId: string) {
  session.userId = as ? await userId(as) : null;
  return GET(new Request(`http://localhost/api/fichiers/${commune}/${fileId}`), { params: Promise.resolve({ commune, fileId }) });
}

describe("the stored files' download route", () => {
  it("gives the family its own certificate as an attachment, named from the content, never sniffed", async () => {
    const answer = await download("parent@recre.test", "jolieville", certificateId);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("application/pdf");
    expect(answer.headers.get("content-disposition")).toMatch(/^attachment; filename="certificat medical.pdf"; filename\*=UTF-8''certificat%20m%C3%A9dical\.pdf$/);
    expect(answer.headers.get("x-content-type-options")).toBe("nosniff");
    expect(answer.headers.get("cache-control")).toBe("private, no-store");
    expect(Buffer.from(await answer.arrayBuffer())).toEqual(pdf);
  });

  it("gives the commune's front desk and admin every family's files; a photo is shown inline as an image", async () => {
    for (const email of ["admin@jolieville.test", "agent@jolieville.test"]) {
      expect((await download(email, "jolieville", certificateId)).status).toBe(200);
      const photo = await download(email, "jolieville", photoId);
      expect(photo.status).toBe(200);
      expect(photo.headers.get("content-type")).toBe("image/png");
      expect(photo.headers.get("content-disposition")).toMatch(/^inline; filename="b sarah b.png"/);
      expect(photo.headers.get("x-content-type-options")).toBe("nosniff");
    }
  });

  it("gives a site agent children's photos, not certificates", async () => {
    expect((await download("animateur@jolieville.test", "jolieville", photoId)).status).toBe(200);
    expect((await download("animateur@jolieville.test", "jolieville", certificateId)).status).toBe(404);
  });

  it("answers 404 to another family, another commune's staff, the right file under another commune, nobody signed in, or a malformed id", async () => {
    const cases: [string | null, string, string][] = [
      ["voisin@recre.test", "jolieville", certificateId],
      ["voisin@recre.test", "jolieville", photoId],
      ["admin@val-fleuri.test", "val-fleuri", certificateId],
      ["admin@val-fleuri.test", "jolieville", photoId],
      ["parent@recre.test", "val-fleuri", certificateId],
      [null, "jolieville", photoId],
      ["admin@jolieville.test", "jolieville", "../../etc/passwd"],
      ["admin@jolieville.test", "inconnue", photoId],
    ];
    for (const [as, commune, fileId] of cases) {
      const answer = await download(as, commune, fileId);
      expect([as, commune, answer.status]).toEqual([as, commune, 404]);
      expect(await answer.text()).toBe("Fichier introuvable.");
    }
  });

  it("no longer serves a photo once it is removed", async () => {
    await setChildPhoto({ tenant: d.jolieville, actor: staffActor(d.parent.userId!, ["agent"]), now: new Date() }, { childId: d.ids.Sarah!, photo: null });
    expect((await download("parent@recre.test", "jolieville", photoId)).status).toBe(404);
    const [sarah] = await withPlatform((tx) => tx.select().from(children).where(eq(children.id, d.ids.Sarah!)));
    expect(sarah).toMatchObject({ photoFileId: null });
  });
});
