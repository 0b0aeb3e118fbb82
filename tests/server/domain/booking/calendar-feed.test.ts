import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/calendrier/[commune]/[token]/route";
import { calendarFeeds } from "@/db/schema";
import { withPlatform, withTenant } from "@/db/transaction";
import { createFeed, feedEvents, feedUrls, hashFeedToken, icsForToken, revokeFeed } from "@/server/domain/booking/calendar-feed";
import { callerAs, loadDemo } from "../../../fixtures/demo";
import { book, demoIds, scopeOf } from "../../../fixtures/demo-ids";

let d: Awaited<ReturnType<typeof demoIds>>;
const TODAY = "2026-11-25";
const NOW = new Date("2026-11-25T10:00:00Z");

beforeAll(async () => {
  await loadDemo();
  d = await demoIds();
  const cantine = (child: string, date: string, action: "book" | "cancel" = "book") => ({ childId: d.ids[child]!, activityId: d.ids.Cantine!, date, action });
  // Long ago (more than 30 days before today), recent, and coming bookings.
  await book(d.jolieville, d.parent, [cantine("Sarah", "2026-10-05")], new Date("2026-09-20T10:00:00Z"));
  await book(d.jolieville, d.parent, [cantine("Sarah", "2026-11-02"), cantine("Chloé", "2026-11-02")], new Date("2026-10-20T10:00:00Z"));
  await book(d.jolieville, d.parent, [cantine("Sarah", "2026-12-03"), cantine("Chloé", "2026-12-04")]);
  await book(d.jolieville, d.parent, [{ childId: d.ids.Sarah!, activityId: d.ids["Mercredi loisirs"]!, date: "2026-12-09", action: "book" }]);
  await book(d.jolieville, d.parent, [cantine("Sarah", "2026-12-07"), cantine("Sarah", "2026-12-07", "cancel")]);
  await book(d.jolieville, d.voisin, [cantine("Tom", "2026-12-03")]);
});

const create = (household: string) => withTenant(d.jolieville.id, (tx) => createFeed(scopeOf(tx, d.jolieville, undefined, NOW), { householdId: d.ids[household]! }));
const events = (token: string) => withTenant(d.jolieville.id, (tx) => feedEvents(tx, d.jolieville.id, hashFeedToken(token), TODAY));
const routeGet = (commune: string, token: string) =>
  GET(new Request(`http://localhost/api/calendrier/${commune}/${token}`), { params: Promise.resolve({ commune, token }) });

describe("the household calendar feed", () => {
  it("keeps only a hash of the token, and gives a private https and webcal address", async () => {
    const { token } = await create("JOL-00042");
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = await withPlatform((tx) => tx.select().from(calendarFeeds).where(eq(calendarFeeds.householdId, d.ids["JOL-00042"]!)));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toBe(hashFeedToken(token));
    expect(JSON.stringify(rows)).not.toContain(token);
    const urls = feedUrls("jolieville", token);
    expect(urls.url).toMatch(new RegExp(`^https?://.+/api/calendrier/jolieville/${token}\\.ics$`));
    expect(urls.webcalUrl).toBe(urls.url.replace(/^https?:/, "webcal:"));
  });

  it("lists the household's confirmed bookings from 30 days ago to the end of the school year, and no one else's", async () => {
    const { token } = await create("JOL-00042");
    const feed = await events(token);
    expect(feed!.householdName).toBe("Famille Martin");
    expect(feed!.events.map((e) => [e.date, e.summary, e.location])).toEqual([
      ["2026-11-02", "Cantine — Chloé", "Restaurant scolaire Jules Ferry"],
      ["2026-11-02", "Cantine — Sarah", "Restaurant scolaire Jules Ferry"],
      ["2026-12-03", "Cantine — Sarah", "Restaurant scolaire Jules Ferry"],
      ["2026-12-04", "Cantine — Chloé", "Restaurant scolaire Jules Ferry"],
      ["2026-12-09", "Mercredi loisirs — Sarah", "Accueil de loisirs Jules Verne"],
    ]);
    expect(JSON.stringify(feed)).not.toContain("Tom");

    const voisin = await create("JOL-00057");
    const theirs = await events(voisin.token);
    expect(theirs!.events.map((e) => e.summary)).toEqual(["Cantine — Tom", "Mercredi loisirs — Tom"]);
  });

  it("renders all-day iCalendar events through the public address", async () => {
    const { token } = await create("JOL-00042");
    const ics = await icsForToken("jolieville", `${token}.ics`, NOW);
    expect(ics).toContain("BEGIN:VCALENDAR");
    expect(ics).toContain("DTSTART;VALUE=DATE:20261203");
    expect(ics).toContain("SUMMARY:Cantine — Sarah");
    expect(ics).toContain("LOCATION:Restaurant scolaire Jules Ferry");
    expect(ics).not.toContain("Tom");
    const response = await routeGet("jolieville", `${token}.ics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    // The route reads the real clock: only the calendar itself is certain.
    expect(await response.text()).toContain("BEGIN:VCALENDAR");
  });

  it("stops working once revoked or regenerated", async () => {
    const first = await create("JOL-00042");
    const second = await create("JOL-00042");
    expect(await events(first.token)).toBeNull();
    expect(await events(second.token)).not.toBeNull();
    expect(await withTenant(d.jolieville.id, (tx) => revokeFeed(scopeOf(tx, d.jolieville, undefined, NOW), { householdId: d.ids["JOL-00042"]! }))).toEqual({ revoked: 1 });
    expect(await events(second.token)).toBeNull();
    expect((await routeGet("jolieville", second.token)).status).toBe(404);
  });

  it("answers the same 404 for an unknown commune, another commune, or a made-up token", async () => {
    const { token } = await create("JOL-00042");
    const answers = await Promise.all([
      routeGet("atlantis", token),
      routeGet("val-fleuri", token),
      routeGet("jolieville", "x".repeat(43)),
      routeGet("jolieville", "pas-un-jeton"),
    ]);
    const bodies = await Promise.all(answers.map((r) => r.text()));
    expect(answers.map((r) => r.status)).toEqual([404, 404, 404, 404]);
    expect(new Set(bodies).size).toBe(1);
    expect((await routeGet("jolieville", token)).status).toBe(200);
  });

  it("lets a parent manage only their own household's address", async () => {
    const parent = await callerAs("parent@recre.test", "jolieville");
    const created = await parent.calendarFeed.create({ householdId: d.ids["JOL-00042"]! });
    expect(created.url).toContain("/api/calendrier/jolieville/");
    expect(created.webcalUrl.startsWith("webcal://")).toBe(true);
    const status = await parent.calendarFeed.status();
    expect(status).toEqual([{ householdId: d.ids["JOL-00042"], householdName: "Famille Martin", activeSince: expect.any(Date) }]);
    expect(JSON.stringify(status)).not.toContain(created.url.split("/").pop()!.replace(".ics", ""));
    await expect(parent.calendarFeed.create({ householdId: d.ids["JOL-00057"]! })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(parent.calendarFeed.revoke({ householdId: d.ids["JOL-00057"]! })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(parent.calendarFeed.create({ householdId: d.ids["VF-0815"]! })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await parent.calendarFeed.revoke({ householdId: d.ids["JOL-00042"]! });
    expect((await parent.calendarFeed.status())[0]!.activeSince).toBeNull();
    const animateur = await callerAs("animateur@jolieville.test", "jolieville");
    await expect(animateur.calendarFeed.status()).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
