import { createReadStream } from "node:fs";
import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { randomUUID } from "node:crypto";
import { assertKey, type Storage } from "./types";

/**
 * Files on the server's own disk, under one folder (`FILES_DIR`, default `<DATA_DIR>/files`): the
 * embedded default, like PGlite for the database. A write goes to a temporary file renamed into
 * place, so a reader never sees half a file.
 */
export function localDiskStorage(root: string): Storage {
  const pathOf = (key: string) => {
    assertKey(key);
    return path.join(root, ...key.split("/"));
  };
  return {
    driver: "local",

    async put(key, body) {
      const target = pathOf(key);
      await mkdir(path.dirname(target), { recursive: true });
      const temporary = `${target}.${randomUUID()}.tmp`;
      try {
        await writeFile(temporary, body instanceof Uint8Array ? body : Readable.from(body), { flag: "wx", mode: 0o600 });
        await rename(temporary, target);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
      return { sizeBytes: (await stat(target)).size };
    },

    async get(key) {
      const file = pathOf(key);
      const info = await stat(file).catch(() => null);
      if (!info?.isFile()) return null;
      return { body: Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>, sizeBytes: info.size };
    },

    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}
