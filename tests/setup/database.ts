import { beforeAll } from "vitest";
import "@/server/domain/wiring";
import { getDatabase, useDatabase, type DatabaseHandle } from "@/db";
import { openWorkerDatabase, truncateAll } from "./engines";

const worker = globalThis as typeof globalThis & { __recreTestDb?: Promise<DatabaseHandle> };

beforeAll(async () => {
  worker.__recreTestDb ??= openWorkerDatabase();
  const handle = await worker.__recreTestDb;
  useDatabase(handle);
  await truncateAll((await getDatabase()).db);
});
