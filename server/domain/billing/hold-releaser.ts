import { eq } from "drizzle-orm";
import { tenants } from "@/db/schema";
import { withPlatform } from "@/db/transaction";
import { systemActor, withScope } from "@/server/domain/scope";
import { releaseExpiredHolds } from "./basket";

/** Frees the places of expired baskets every minute (also done by each basket payment start); reading a basket never writes. */
export function startHoldReleaser(intervalMs = 60_000) {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      // Any commune may have a prepaid activity, whatever its default mode; a commune without holds costs one query.
      const active = await withPlatform((tx) => tx.select().from(tenants).where(eq(tenants.status, "active")));
      for (const tenant of active) await withScope(tenant, systemActor, (scope) => releaseExpiredHolds(scope.tx, scope.tenant, scope.now));
    } catch (error) {
      console.error("[recre] libération des paniers expirés", error);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
}
