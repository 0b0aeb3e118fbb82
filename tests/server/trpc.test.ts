import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { householdEvents, households } from "@/db/schema";
import { insideTenantTransaction, withPlatform } from "@/db/transaction";
import { setHouseholdResident } from "@/server/domain/family/household-events";
import { AppError } from "@/server/errors";
import { createCallerFactory, createInnerContext, parentProcedure, parentProcedureNoTx, router, staffProcedure } from "@/server/trpc";
import { loadDemo, userId } from "../fixtures/demo";
import { demoIds } from "../fixtures/demo-ids";

let d: Awaited<ReturnType<typeof demoIds>>;

beforeAll(async () => {
  await loadDemo();
  d = await demoIds();
});

const household = z.object({ householdId: z.uuid() });

/** Procedures that write through the scope's transaction, then fail (or not): what the middleware must roll back. */
const probe = router({
  parentRenamesThenFails: parentProcedure.mutation(async ({ ctx }) => {
    const { tx, tenant, actor } = ctx.scope;
    await tx.update(households).set({ name: "Écrit puis annulé" }).where(and(eq(households.tenantId, tenant.id), eq(households.id, actor.householdIds[0]!)));
    throw new AppError("CONFLICT", "Échec voulu après une écriture");
  }),
  staffChangesThenCrashes: staffProcedure("admin", "agent")
    .input(household)
    .mutation(async ({ ctx, input }) => {
      // A domain function writing two tables (the flag and the file's history), then an unexpected error.
      await setHouseholdResident(ctx.scope, { householdId: input.householdId, isResident: false });
      throw new Error("panne imprévue");
    }),
  staffChanges: staffProcedure("admin", "agent")
    .input(household)
    .mutation(({ ctx, input }) => setHouseholdResident(ctx.scope, { householdId: input.householdId, isResident: false })),
  inside: parentProcedure.query(() => insideTenantTransaction()),
  insideNoTx: parentProcedureNoTx.query(() => insideTenantTransaction()),
});

const callerAs = async (email: string) => createCallerFactory(probe)(createInnerContext({ user: { id: await userId(email), email }, communeSlug: "jolieville" }));

const fileOf = (householdId: string) =>
  withPlatform(async (tx) => ({
    household: (await tx.select().from(households).where(eq(households.id, householdId)))[0]!,
    events: await tx.select().from(householdEvents).where(eq(householdEvents.householdId, householdId)),
  }));

describe("the procedure builders' transaction", () => {
  it("rolls back what a failing parent mutation wrote", async () => {
    const martin = d.ids["JOL-00042"]!;
    const before = await fileOf(martin);
    await expect((await callerAs("parent@recre.test")).parentRenamesThenFails()).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await fileOf(martin)).toEqual(before);
  });

  it("rolls back every table a failing staff mutation wrote through the domain, and commits a successful one", async () => {
    const durand = d.ids["JOL-00057"]!;
    const before = await fileOf(durand);
    expect(before.household.isResident).toBe(true);
    const agent = await callerAs("agent@jolieville.test");
    await expect(agent.staffChangesThenCrashes({ householdId: durand })).rejects.toMatchObject({ code: "INTERNAL_SERVER_ERROR" });
    expect(await fileOf(durand)).toEqual(before);

    await agent.staffChanges({ householdId: durand });
    const after = await fileOf(durand);
    expect(after.household.isResident).toBe(false);
    expect(after.events).toHaveLength(before.events.length + 1);
  });

  it("runs parentProcedure inside the commune's transaction and the NoTx builder outside any", async () => {
    const parent = await callerAs("parent@recre.test");
    expect(await parent.inside()).toBe(true);
    expect(await parent.insideNoTx()).toBe(false);
  });
});
