import { inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { emailOutbox } from "@/db/schema";
import { withPlatform } from "@/db/transaction";
import { queueEmail, queueEmails } from "@/server/email/outbox";

const notice = (firstName: string) => ({ firstName, communeName: "Jolieville", periodLabel: "Mars 2027", url: "http://localhost:3000/jolieville/factures" });
const names = ["Julie", "Zoé & <Léa> \"O'Neil\"", "Jean-Pierre", "Anne  Marie", "Ça"];

async function outbox(addresses: string[]) {
  const rows = await withPlatform((tx) => tx.select().from(emailOutbox).where(inArray(emailOutbox.to, addresses)));
  return new Map(rows.map((r) => [r.to, { subject: r.subject, html: r.html, text: r.text }]));
}

describe("queueing one template for many recipients", () => {
  it("gives each recipient exactly the message a render of its own would give, names with markup or odd spaces included", async () => {
    const run = Date.now();
    const together = names.map((name, i) => ({ to: `ensemble-${run}-${i}@outbox.test`, props: notice(name) }));
    const alone = names.map((name, i) => ({ to: `seul-${run}-${i}@outbox.test`, props: notice(name) }));
    await withPlatform((tx) => queueEmails(tx, "invoice-available", together));
    for (const { to, props } of alone) await withPlatform((tx) => queueEmail(tx, to, "invoice-available", props));
    const [batch, single] = await Promise.all([outbox(together.map((m) => m.to)), outbox(alone.map((m) => m.to))]);
    expect(batch.size).toBe(names.length);
    names.forEach((name, i) => {
      const mine = batch.get(together[i]!.to)!;
      expect(mine).toEqual(single.get(alone[i]!.to));
      expect(mine.text).toContain(name.replace(/\s+/g, " "));
    });
  });

  it("keeps recipients whose other details differ apart", async () => {
    const run = Date.now();
    const list = [
      { to: `a-${run}@outbox.test`, props: { ...notice("Julie"), periodLabel: "Mars 2027" } },
      { to: `b-${run}@outbox.test`, props: { ...notice("Paul"), periodLabel: "Avril 2027" } },
    ];
    await withPlatform((tx) => queueEmails(tx, "invoice-available", list));
    const rows = await outbox(list.map((m) => m.to));
    expect(rows.get(list[0]!.to)!.text).toMatch(/Julie[\s\S]*mars 2027/i);
    expect(rows.get(list[1]!.to)!.text).toMatch(/Paul[\s\S]*avril 2027/i);
  });
});
