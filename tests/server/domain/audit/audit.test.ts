import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "@/db/transaction";
import { listAudit, recordAudit } from "@/server/domain/audit/audit";
import { loadDemo } from "../../../fixtures/demo";
import { demoIds, inScope } from "../../../fixtures/demo-ids";

beforeAll(loadDemo);

describe("the commune's audit log", () => {
  it("records who did what to which family, readable newest first and by household", async () => {
    const { jolieville, ids, agent } = await demoIds();
    const householdId = ids["JOL-00042"]!;
    await inScope(jolieville, (scope) => recordAudit(scope, { action: "health.viewed", householdId, childId: ids["Sarah"], detail: { fields: 2 } }), { actor: agent });
    const rows = await inScope(jolieville, (scope) => listAudit(scope, { householdId }));
    expect(rows[0]).toMatchObject({ action: "health.viewed", actorRole: "staff", householdId, detail: { fields: 2 } });
    expect(rows[0]!.actorName).toBeTruthy();
  });

  it("stays with its commune: another commune reads none of it", async () => {
    const { jolieville, valFleuri, ids } = await demoIds();
    await inScope(jolieville, (scope) => recordAudit(scope, { action: "family.changed", householdId: ids["JOL-00042"] }));
    const seen = await inScope(valFleuri, (scope) => listAudit(scope, { householdId: ids["JOL-00042"] }));
    expect(seen).toEqual([]);
  });

  it("cannot be rewritten by the application's role", async () => {
    const { jolieville } = await demoIds();
    await inScope(jolieville, (scope) => recordAudit(scope, { action: "rgpd.exported" }));
    await expect(withTenant(jolieville.id, (tx) => tx.execute(sql`delete from audit_events`))).rejects.toThrow();
    await expect(withTenant(jolieville.id, (tx) => tx.execute(sql`update audit_events set action = 'x'`))).rejects.toThrow();
  });
});
