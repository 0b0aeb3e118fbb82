import { sql } from "drizzle-orm";
import { getDb } from "@/db";

/** For /api/health (load balancers, the browser tests' start-up wait): can the database answer? */
export async function databaseIsReachable(): Promise<boolean> {
  try {
    await (await getDb()).execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}
