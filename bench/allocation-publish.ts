/**
 * Publishing the demo's allocation round (Jolieville's summer centre: 29 families, 40 applications,
 * 12 places a day) on the demo a first start seeds (`seedDemo`, the lived demo, the allocation demo),
 * in a PGlite on disk (a temporary folder). Closes the window, runs, then times `publishRound` alone, and checks what
 * publishing promises: no day over capacity, the waiting list of each day in rank order, a second
 * publish refused without writing anything.
 *
 *   APP_ENV=test AUTH_SECRET=dev-secret-at-least-32-characters-long-xx RECRE_NOW=2026-11-25T09:00:00+01:00 \
 *     node --import tsx bench/allocation.ts publish
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { and, asc, eq, inArray } from "drizzle-orm";
import "@/server/domain/wiring";
import { openDatabase } from "@/db/client";
import { runMigrations } from "@/db/migrate";
import { useDatabase } from "@/db";
import { withTenant } from "@/db/transaction";
import { allocationApplications, allocationResults, bookings, memberships, users } from "@/db/schema";
import { seedDemo } from "@/server/demo/seed";
import { seedLivedDemo } from "@/server/demo/lived";
import { seedAllocationDemo } from "@/server/demo/seed-allocation";
import { staffActor, withScope } from "@/server/domain/scope";
import { findTenantBySlug } from "@/server/domain/tenants/tenants";
import { closeRound } from "@/server/domain/allocation/rounds";
import { runAllocation } from "@/server/domain/allocation/run";
import { publishRound } from "@/server/domain/allocation/publish";
import { now as clockNow } from "@/common/clock";

export async function benchPublish() {
  // On disk, as a start without DATABASE_URL runs (an in-memory PGlite would hide the writes' cost).
  const dir = mkdtempSync(path.join(tmpdir(), "recre-bench-publish-"));
  const handle = openDatabase({ dataDir: path.join(dir, "pglite") });
  useDatabase(handle);
  await runMigrations(handle);
  const now = clockNow();
  await seedDemo(handle.db, now);
  await seedLivedDemo(handle.db, now);
  const { roundId, activityId } = await seedAllocationDemo(handle.db, now);
  const tenant = (await findTenantBySlug("jolieville"))!;
  const [admin] = await handle.db.select({ id: users.id }).from(users).innerJoin(memberships, eq(memberships.userId, users.id)).where(eq(users.email, "admin@jolieville.test"));
  const actor = staffActor(admin!.id, ["admin"]);
  await withScope(tenant, actor, (scope) => closeRound(scope, { roundId }), now);
  const run = await withScope(tenant, actor, (scope) => runAllocation(scope, { roundId }), now);
  const start = performance.now();
  const published = await withScope(tenant, actor, (scope) => publishRound(scope, { roundId }), now);
  const ms = performance.now() - start;

  const rows = await withTenant(tenant.id, (tx) => tx.select({ date: bookings.date, status: bookings.status, childId: bookings.childId }).from(bookings).where(and(eq(bookings.tenantId, tenant.id), eq(bookings.activityId, activityId))).orderBy(asc(bookings.date), asc(bookings.createdAt), asc(bookings.id)));
  const results = await withTenant(tenant.id, (tx) =>
    tx.select({ childId: allocationApplications.childId, rank: allocationResults.rank }).from(allocationResults).innerJoin(allocationApplications, and(eq(allocationApplications.tenantId, allocationResults.tenantId), eq(allocationApplications.id, allocationResults.applicationId))).where(and(eq(allocationResults.tenantId, tenant.id), inArray(allocationResults.roundId, [roundId]))),
  );
  const rankOf = new Map(results.map((r) => [r.childId, r.rank]));
  const taken = new Map<string, number>();
  const waiting = new Map<string, number[]>();
  for (const b of rows) {
    if (b.status === "confirmed" || b.status === "held") taken.set(b.date, (taken.get(b.date) ?? 0) + 1);
    if (b.status === "waitlisted") waiting.set(b.date, [...(waiting.get(b.date) ?? []), rankOf.get(b.childId)!]);
  }
  const over = [...taken.values()].filter((n) => n > 12).length;
  const inOrder = [...waiting.values()].every((ranks) => ranks.every((r, i) => i === 0 || ranks[i - 1]! < r));
  let second = "refused";
  try {
    await withScope(tenant, actor, (scope) => publishRound(scope, { roundId }), now);
    second = "accepted (wrong)";
  } catch {
    second = "refused";
  }
  const after = await withTenant(tenant.id, (tx) => tx.select({ id: bookings.id }).from(bookings).where(and(eq(bookings.tenantId, tenant.id), eq(bookings.activityId, activityId))));
  console.log(`round: ${run.applications} applications, ${run.placed} placed`);
  console.log(`publish: ${ms.toFixed(0)} ms (${published.bookings} days booked, ${published.waitlisted} families waiting)`);
  console.log(`days over capacity: ${over}; waiting lists in rank order: ${inOrder}; second publish: ${second}, bookings unchanged: ${after.length === rows.length}`);
  await handle.close();
  rmSync(dir, { recursive: true, force: true });
  if (over || !inOrder || second !== "refused" || after.length !== rows.length) process.exitCode = 1;
}
