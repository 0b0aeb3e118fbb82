import { openDatabase } from "@/db/client";
import { runMigrations } from "@/db/migrate";
import { adminSql, TEMPLATE_DB, urlFor } from "./engines";

/** Migrates one template database; each worker then copies it (fast, and no race on roles). */
export default async function setup() {
  await adminSql(async (admin) => {
    await admin.unsafe(`drop database if exists ${TEMPLATE_DB} with (force)`);
    await admin.unsafe(`create database ${TEMPLATE_DB}`);
  });
  const handle = openDatabase({ url: urlFor(TEMPLATE_DB), maxConnections: 1 });
  await runMigrations(handle);
  await handle.close();
}
