import path from "node:path";
import { env } from "@/config/env";
import { localDiskStorage } from "./local-disk";
import type { Storage } from "./types";

export type { Storage, StoredObject } from "./types";

/**
 * The deployment's storage (`STORAGE_DRIVER`): the local disk today. A new driver (S3-compatible)
 * is one file implementing Storage (types.ts) and one case here, with its settings in config/env.ts.
 */
export function storage(): Storage {
  const e = env();
  const root = path.resolve(e.FILES_DIR ?? path.join(e.DATA_DIR, "files"));
  const store = globalThis as typeof globalThis & { __recreStorage?: { root: string; storage: Storage } };
  if (store.__recreStorage?.root !== root) store.__recreStorage = { root, storage: localDiskStorage(root) };
  return store.__recreStorage.storage;
}
