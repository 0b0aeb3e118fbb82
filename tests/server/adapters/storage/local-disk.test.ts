import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localDiskStorage } from "@/server/adapters/storage/local-disk";
import type { Storage } from "@/server/adapters/storage/types";

const text = async (object: Awaited<ReturnType<Storage["get"]>>) => (object ? Buffer.from(await new Response(object.body).arrayBuffer()).toString() : null);

/** What every storage driver must do; run here on the local disk (an S3-compatible driver would run it too). */
function storageContract(name: string, make: () => Promise<{ storage: Storage; cleanup: () => Promise<void> }>) {
  describe(`the ${name} storage (contract)`, () => {
    let storage: Storage;
    let cleanup: () => Promise<void>;
    beforeAll(async () => ({ storage, cleanup } = await make()));
    afterAll(() => cleanup());

    it("keeps bytes under a key, in folders it creates, and gives them back as a stream with their size", async () => {
      expect(await storage.put("t1/child_photo/a.png", Buffer.from("bonjour"), { contentType: "image/png" })).toEqual({ sizeBytes: 7 });
      const object = await storage.get("t1/child_photo/a.png");
      expect(object?.sizeBytes).toBe(7);
      expect(await text(object)).toBe("bonjour");
    });

    it("takes a stream as well as bytes", async () => {
      await storage.put("t1/absence_certificate/b.pdf", Readable.from([Buffer.from("%PDF-"), Buffer.from("1.7")]), { contentType: "application/pdf" });
      expect(await text(await storage.get("t1/absence_certificate/b.pdf"))).toBe("%PDF-1.7");
    });

    it("deletes, and deleting what is not there is not an error; a missing key reads as null", async () => {
      await storage.put("t1/child_photo/c.png", Buffer.from("x"), { contentType: "image/png" });
      await storage.delete("t1/child_photo/c.png");
      await storage.delete("t1/child_photo/c.png");
      expect(await storage.get("t1/child_photo/c.png")).toBeNull();
      expect(await storage.get("t1/nulle-part.png")).toBeNull();
    });

    it("refuses keys that could leave its folder or that we never build", async () => {
      for (const key of ["../etc/passwd", "/etc/passwd", "t1/../../x", "t1//x", "", "t1/x y.png", "t1\\x"]) {
        await expect(storage.put(key, Buffer.from("x"), { contentType: "text/plain" })).rejects.toThrow(/Clé de stockage invalide/);
        await expect(storage.get(key)).rejects.toThrow(/Clé de stockage invalide/);
      }
    });
  });
}

storageContract("local disk", async () => {
  const root = await mkdtemp(path.join(tmpdir(), "recre-files-"));
  return { storage: localDiskStorage(path.join(root, "sous", "dossier")), cleanup: () => rm(root, { recursive: true, force: true }) };
});

describe("the local disk", () => {
  it("leaves no temporary file behind once a write is done", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "recre-files-"));
    const storage = localDiskStorage(root);
    await storage.put("t/k/f.png", Buffer.from("x"), { contentType: "image/png" });
    expect(await readdir(path.join(root, "t", "k"))).toEqual(["f.png"]);
    await rm(root, { recursive: true, force: true });
  });
});
