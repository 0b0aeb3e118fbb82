import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { children } from "@/db/schema";
import { withPlatform } from "@/db/transaction";
import { PHOTO_MAX_BYTES } from "@/server/domain/family/child-photo";
import { messages } from "@/common/messages";
import { callerAs, loadDemo } from "../../../fixtures/demo";
import { storedBytes, storedFileRows } from "../../../fixtures/files";
import { demoIds } from "../../../fixtures/demo-ids";

let d: Awaited<ReturnType<typeof demoIds>>;
const text = messages.childPhoto;

const pngBytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
const png = pngBytes.toString("base64");
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]).toString("base64");
const pdf = Buffer.from("%PDF-1.4\n% pas une photo\n").toString("base64");

beforeAll(async () => {
  await loadDemo();
  d = await demoIds();
});

const parent = () => callerAs("parent@recre.test", "jolieville");
/** The child's photo as the data URL of the bytes in storage (null: none), and no trace left in the row. */
const photoOf = async (child: string) => {
  const [row] = await withPlatform((tx) => tx.select({ fileId: children.photoFileId }).from(children).where(eq(children.id, d.ids[child]!)));
  const bytes = await storedBytes(row!.fileId);
  if (!bytes) return null;
  const [file] = (await storedFileRows()).filter((f) => f.id === row!.fileId);
  return `data:${file!.contentType};base64,${bytes.toString("base64")}`;
};

describe("a child's photo", () => {
  it("is added, replaced and removed by the child's own family, and seen on the family file", async () => {
    await (await parent()).family.setChildPhoto({ childId: d.ids.Sarah!, photo: { name: "sarah.png", type: "image/png", base64: png } });
    expect(await photoOf("Sarah")).toBe(`data:image/png;base64,${png}`);
    await (await parent()).family.setChildPhoto({ childId: d.ids.Sarah!, photo: { name: "sarah.jpg", type: "image/jpeg", base64: `data:image/jpeg;base64,${jpeg}` } });
    expect(await photoOf("Sarah")).toBe(`data:image/jpeg;base64,${jpeg}`);
    const [family] = await (await parent()).family.myFamily();
    const fileId = family!.children.find((c) => c.firstName === "Sarah")!.photoFileId;
    expect(fileId).toBeTruthy();
    // Replaced then removed: neither the row nor the bytes of the earlier photos remain.
    await (await parent()).family.setChildPhoto({ childId: d.ids.Sarah!, photo: null });
    expect(await photoOf("Sarah")).toBeNull();
    expect(await storedBytes(fileId)).toBeNull();
    expect((await storedFileRows()).filter((f) => f.kind === "child_photo")).toEqual([]);
  });

  it("is NOT_FOUND for another family's child, whose photo stays as it was", async () => {
    await expect((await parent()).family.setChildPhoto({ childId: d.ids.Tom!, photo: { name: "x.png", type: "image/png", base64: png } })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect((await parent()).family.setChildPhoto({ childId: d.ids.Tom!, photo: null })).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Nor from the family's other commune.
    await expect((await callerAs("parent@recre.test", "val-fleuri")).family.setChildPhoto({ childId: d.ids.Sarah!, photo: null })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await photoOf("Tom")).toBeNull();
  });

  it("may weigh exactly the limit", async () => {
    const exactly = Buffer.concat([pngBytes, Buffer.alloc(PHOTO_MAX_BYTES - pngBytes.length)]).toString("base64");
    await (await parent()).family.setChildPhoto({ childId: d.ids["Chloé"]!, photo: { name: "chloe.png", type: "image/png", base64: exactly } });
    expect(await photoOf("Chloé")).toBe(`data:image/png;base64,${exactly}`);
    await (await parent()).family.setChildPhoto({ childId: d.ids["Chloé"]!, photo: null });
  });

  it("is checked like an absence certificate: images only, at most 1 Mo, content matching the type", async () => {
    const cases: [{ name: string; type: string; base64: string }, string][] = [
      [{ name: "certificat.pdf", type: "application/pdf", base64: pdf }, text.type],
      [{ name: "faux.png", type: "image/png", base64: jpeg }, text.mismatch],
      [{ name: "faux.jpg", type: "image/jpeg", base64: pdf }, text.mismatch],
      [{ name: "vide.png", type: "image/png", base64: "@@@" }, text.empty],
      [{ name: "  ", type: "image/png", base64: png }, text.name],
      [{ name: "grande.png", type: "image/png", base64: Buffer.concat([pngBytes, Buffer.alloc(PHOTO_MAX_BYTES - pngBytes.length + 1)]).toString("base64") }, text.size],
    ];
    for (const [photo, message] of cases) {
      await expect((await parent()).family.setChildPhoto({ childId: d.ids["Chloé"]!, photo })).rejects.toMatchObject({ code: "BAD_REQUEST", message });
    }
    expect(await photoOf("Chloé")).toBeNull();
  });

  it("can be set by the front desk for any child of the commune, not by a site agent nor another commune", async () => {
    await (await callerAs("agent@jolieville.test", "jolieville")).households.setChildPhoto({ childId: d.ids.Tom!, photo: { name: "tom.png", type: "image/png", base64: png } });
    expect(await photoOf("Tom")).toBe(`data:image/png;base64,${png}`);
    await expect((await callerAs("animateur@jolieville.test", "jolieville")).households.setChildPhoto({ childId: d.ids.Tom!, photo: null })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect((await callerAs("admin@val-fleuri.test", "val-fleuri")).households.setChildPhoto({ childId: d.ids.Tom!, photo: null })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await photoOf("Tom")).toBe(`data:image/png;base64,${png}`);
    await (await callerAs("agent@jolieville.test", "jolieville")).households.setChildPhoto({ childId: d.ids.Tom!, photo: null });
    expect(await photoOf("Tom")).toBeNull();
  });
});
