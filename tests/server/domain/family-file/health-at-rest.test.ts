import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditEvents, children, familyChanges } from "@/db/schema";
import { withPlatform } from "@/db/transaction";
import { childSheetDownload } from "@/server/downloads";
import { readHealth } from "@/server/domain/family-file/health";
import { rotateHealthKey } from "@/server/domain/family-file/rotate-key";
import { keyringFrom, resetHealthKeyring, sealedKeyId } from "@/server/lib/health-crypto";
import { callerAs, loadDemo, userId } from "../../../fixtures/demo";
import { book, demoIds } from "../../../fixtures/demo-ids";

let ids: Record<string, string>;
let jolieville: string;

beforeAll(async () => {
  await loadDemo();
  const demo = await demoIds();
  ids = demo.ids;
  jolieville = demo.jolieville.id;
  await book(demo.jolieville, demo.parent, [{ childId: ids["Chloé"]!, activityId: ids.Cantine!, date: "2026-12-03", action: "book" }]);
});
afterEach(() => resetHealthKeyring());

const sheetAs = async (email: string, childId: string, commune = "jolieville") => childSheetDownload(await userId(email), { commune, childId });
const views = (childId: string) => withPlatform((tx) => tx.select().from(auditEvents).where(and(eq(auditEvents.action, "health.viewed"), eq(auditEvents.childId, childId))));

describe("the fiche enfant PDF", () => {
  it("gives staff contacts, health, authorisations and pickups, and logs the health view", async () => {
    const before = (await views(ids["Chloé"]!)).length;
    const response = await sheetAs("agent@jolieville.test", ids["Chloé"]!);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toContain("attachment");
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    expect(await views(ids["Chloé"]!)).toHaveLength(before + 1);
    if (!existsSync("/usr/bin/pdftotext")) return;
    const file = path.join(mkdtempSync(path.join(tmpdir(), "fiche-")), "fiche.pdf");
    writeFileSync(file, bytes);
    const text = execFileSync("/usr/bin/pdftotext", ["-enc", "UTF-8", file, "-"]).toString("utf8");
    for (const expected of ["Fiche enfant - Chloé Martin", "Arachide (sévère)", "06 12 34 56 78", "Jeanne Martin", "Dr Claire Roux", "Droit à l'image"]) expect(text).toContain(expected);
  });

  it("is a 404 for a parent, another commune, and a site agent for a child outside their sites", async () => {
    expect((await sheetAs("parent@recre.test", ids["Chloé"]!)).status).toBe(404);
    expect((await sheetAs("admin@val-fleuri.test", ids["Chloé"]!, "val-fleuri")).status).toBe(404);
    // Chloé eats at a canteen the site agent looks after; a child with no activity at their sites is not theirs.
    expect((await sheetAs("animateur@jolieville.test", ids["Chloé"]!)).status).toBe(200);
    const agent = await callerAs("agent@jolieville.test", "jolieville");
    const added = await agent.familyFiles.change({ householdId: ids["JOL-00057"]!, section: "child_added", value: { firstName: "Jade", lastName: "Durand", birthDate: "2023-02-01", school: "", classLevel: "" } });
    const [jade] = await withPlatform((tx) => tx.select({ id: familyChanges.childId }).from(familyChanges).where(eq(familyChanges.id, added.changeId)));
    expect((await sheetAs("animateur@jolieville.test", jade!.id!)).status).toBe(404);
    expect((await sheetAs("agent@jolieville.test", jade!.id!)).status).toBe(200);
  });
});

describe("the site agent's daily list", () => {
  it("shows the guardians' phones beside the pickups and the decrypted allergies, and logs each health view", async () => {
    const before = (await views(ids["Chloé"]!)).length;
    const animateur = await callerAs("animateur@jolieville.test", "jolieville");
    const list = await animateur.attendance.dailyList({ siteId: ids["Restaurant scolaire Jules Ferry"]!, date: "2026-12-03" });
    const chloe = list.activities.flatMap((a) => a.expected).find((c) => c.firstName === "Chloé")!;
    expect(chloe).toMatchObject({ allergies: "Arachide (sévère)", hasPai: true });
    expect(chloe.guardians).toEqual([
      { name: "Julie Martin", phone: "06 12 34 56 78" },
      { name: "Thomas Martin", phone: "06 98 76 54 32" },
    ]);
    expect(chloe.pickups).toEqual([{ name: "Jeanne Martin", relationship: "grand-mère", phone: "06 55 44 33 22" }]);
    const logged = await views(ids["Chloé"]!);
    expect(logged).toHaveLength(before + 1);
    expect(logged.at(-1)!.detail).toEqual({ via: "daily_list" });
  });
});

describe("encryption at rest", () => {
  it("rotates the key: every sealed value re-encrypted with the new key, still readable, none with the old", async () => {
    const oldKey = randomBytes(32).toString("base64");
    const newKey = randomBytes(32).toString("base64");
    resetHealthKeyring(keyringFrom({ APP_ENV: "test", HEALTH_DATA_KEY: oldKey }));
    await (await callerAs("agent@jolieville.test", "jolieville")).familyFiles.change({ householdId: ids["JOL-00042"]!, childId: ids.Sarah!, section: "allergies", value: { allergies: [{ allergen: "Sésame", severity: "severe", note: "" }] } });
    const ring = keyringFrom({ APP_ENV: "test", HEALTH_DATA_KEY: newKey, HEALTH_DATA_KEYS: oldKey });
    resetHealthKeyring(ring);
    expect(await rotateHealthKey(await getDb())).toBeGreaterThan(0);
    const kids = await withPlatform((tx) => tx.select().from(children));
    expect(kids.filter((k) => k.health).every((k) => sealedKeyId(k.health!) === ring.current.id)).toBe(true);
    // Readable without the old key now.
    resetHealthKeyring(keyringFrom({ APP_ENV: "production", HEALTH_DATA_KEY: newKey }));
    const sarah = kids.find((k) => k.id === ids.Sarah)!;
    expect(readHealth(jolieville, sarah).allergies.map((a) => a.allergen)).toEqual(["Sésame"]);
    expect(await (await callerAs("parent@recre.test", "jolieville")).familyFile.history({ householdId: ids["JOL-00042"]! })).not.toHaveLength(0);
    expect(await rotateHealthKey(await getDb())).toBe(0);
  });
});
