import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { rowsOf } from "@/db/client";
import { emailOutbox } from "@/db/schema";
import { withPlatform } from "@/db/transaction";
import { queueEmail } from "@/server/email/outbox";
import { drainOutbox, purgeSentEmails, SENT_EMAIL_DAYS } from "@/server/email/sender";
import { resendTransport, type MailTransport } from "@/server/email/transports";

const API_KEY = "re_test_cle_secrete";
const FROM = "Récré <ne-pas-repondre@recre.test>";

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: { from: string; to: string[]; subject: string; html: string; text: string };
}

/** Plays Resend's `POST /emails`; answers with the queued statuses first, then 200. */
const fake = { received: [] as Received[], statuses: [] as number[], server: undefined as Server | undefined, url: "" };
let transport: MailTransport;

beforeAll(async () => {
  fake.server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => (raw += chunk.toString()));
    req.on("end", () => {
      fake.received.push({ method: req.method!, url: req.url!, headers: req.headers, body: JSON.parse(raw) as Received["body"] });
      const status = fake.statuses.shift() ?? 200;
      res.writeHead(status, { "content-type": "application/json" });
      res.end(
        JSON.stringify(
          status === 200
            ? { id: `resend-${fake.received.length}` }
            : { statusCode: status, name: "internal_server_error", message: "Panne passagère" },
        ),
      );
    });
  });
  await new Promise<void>((resolve) => fake.server!.listen(0, "127.0.0.1", resolve));
  fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
  transport = resendTransport(API_KEY, fake.url);
});

afterAll(() => new Promise<void>((resolve) => fake.server?.close(() => resolve())));

beforeEach(async () => {
  fake.received = [];
  fake.statuses = [];
  await (await getDb()).execute(sql`truncate email_outbox`);
});

const queue = (to: string) =>
  withPlatform((tx) => queueEmail(tx, to, "password-reset", { url: `https://recre.test/connexion/nouveau-mot-de-passe?jeton=${to}` }));
const rows = () => withPlatform((tx) => tx.select().from(emailOutbox).orderBy(emailOutbox.createdAt));
const keyOf = (r: Received) => r.headers["idempotency-key"];

describe("drainOutbox with the Resend transport", () => {
  it("sends a queued e-mail once, with the key, the idempotency key and the message, and records it", async () => {
    await queue("julie@exemple.test");
    const [queued] = await rows();

    expect(await drainOutbox(transport, FROM)).toEqual({ sent: 1, failed: 0 });
    expect(fake.received).toHaveLength(1);
    const [request] = fake.received;
    expect(request).toMatchObject({ method: "POST", url: "/emails" });
    expect(request!.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(keyOf(request!)).toBe(`outbox-${queued!.id}`);
    expect(request!.body).toMatchObject({ from: FROM, to: ["julie@exemple.test"], subject: queued!.subject, html: queued!.html });

    const [sent] = await rows();
    expect(sent).toMatchObject({ status: "sent", transport: "resend", providerMessageId: "resend-1", attempts: 1, lastError: null });
    expect(sent!.sentAt).toBeInstanceOf(Date);

    expect(await drainOutbox(transport, FROM)).toEqual({ sent: 0, failed: 0 });
    expect(fake.received).toHaveLength(1);
  });

  it("keeps a failed e-mail for a later attempt, then sends it with the same idempotency key", async () => {
    fake.statuses = [500];
    await queue("thomas@exemple.test");

    expect(await drainOutbox(transport, FROM)).toEqual({ sent: 0, failed: 1 });
    const [failed] = await rows();
    expect(failed).toMatchObject({ status: "pending", attempts: 1, lockedUntil: null });
    expect(failed!.lastError).toMatch(/Resend/);
    const [due] = rowsOf<{ later: boolean }>(
      await (await getDb()).execute(sql`select next_attempt_at > now() as later from email_outbox where id = ${failed!.id}`),
    );
    expect(due?.later).toBe(true);

    // Not due yet: nothing is retried early.
    expect(await drainOutbox(transport, FROM)).toEqual({ sent: 0, failed: 0 });
    expect(fake.received).toHaveLength(1);

    await (await getDb()).execute(sql`update email_outbox set next_attempt_at = now() - interval '1 second' where id = ${failed!.id}`);
    expect(await drainOutbox(transport, FROM)).toEqual({ sent: 1, failed: 0 });
    expect(fake.received.map(keyOf)).toEqual([`outbox-${failed!.id}`, `outbox-${failed!.id}`]);
    expect((await rows())[0]).toMatchObject({ status: "sent", attempts: 2, lastError: null, providerMessageId: "resend-2" });
  });

  it("sends each e-mail exactly once when two senders drain at the same time", async () => {
    for (let i = 0; i < 5; i++) await queue(`famille-${i}@exemple.test`);
    const results = await Promise.all([drainOutbox(transport, FROM), drainOutbox(transport, FROM)]);

    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(5);
    const perKey = new Map<string, number>();
    for (const r of fake.received) perKey.set(String(keyOf(r)), (perKey.get(String(keyOf(r))) ?? 0) + 1);
    const all = await rows();
    expect(Object.fromEntries(perKey)).toEqual(Object.fromEntries(all.map((r) => [`outbox-${r.id}`, 1])));
    expect(all.map((r) => [r.status, r.attempts])).toEqual(Array.from({ length: 5 }, () => ["sent", 1]));
  });

  it("never sends an e-mail whose transaction rolled back", async () => {
    await expect(
      withPlatform(async (tx) => {
        await queueEmail(tx, "fantome@exemple.test", "magic-link", { url: "https://recre.test/x" });
        throw new Error("annulé");
      }),
    ).rejects.toThrow("annulé");

    expect(await drainOutbox(transport, FROM)).toEqual({ sent: 0, failed: 0 });
    expect(fake.received).toEqual([]);
    expect(await withPlatform((tx) => tx.select().from(emailOutbox).where(eq(emailOutbox.to, "fantome@exemple.test")))).toEqual([]);
  });
});

describe("purgeSentEmails", () => {
  it("deletes the e-mails sent or given up more than 30 days ago, and keeps the recent and the waiting ones", async () => {
    for (const to of ["ancien@exemple.test", "abandonne@exemple.test", "recent@exemple.test", "en-attente@exemple.test"]) await queue(to);
    const daysAgo = (n: number) => sql`now() - make_interval(days => ${n})`;
    await withPlatform(async (tx) => {
      await tx.execute(sql`update email_outbox set status = 'sent', sent_at = ${daysAgo(SENT_EMAIL_DAYS + 1)} where "to" = 'ancien@exemple.test'`);
      await tx.execute(sql`update email_outbox set status = 'failed', next_attempt_at = ${daysAgo(SENT_EMAIL_DAYS + 5)} where "to" = 'abandonne@exemple.test'`);
      await tx.execute(sql`update email_outbox set status = 'sent', sent_at = ${daysAgo(SENT_EMAIL_DAYS - 1)} where "to" = 'recent@exemple.test'`);
      await tx.execute(sql`update email_outbox set created_at = ${daysAgo(SENT_EMAIL_DAYS + 10)} where "to" = 'en-attente@exemple.test'`);
    });

    expect(await purgeSentEmails()).toBe(2);
    expect((await rows()).map((r) => r.to).sort()).toEqual(["en-attente@exemple.test", "recent@exemple.test"]);
  });
});
