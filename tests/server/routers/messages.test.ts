import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { emailOutbox } from "@/db/schema";
import { withPlatform } from "@/db/transaction";
import { messages } from "@/common/messages";
import { callerAs, loadDemo } from "../../fixtures/demo";
import { demoIds } from "../../fixtures/demo-ids";

let d: Awaited<ReturnType<typeof demoIds>>;

beforeAll(async () => {
  await loadDemo();
  d = await demoIds();
});

const outboxTo = (address: string) => withPlatform((tx) => tx.select().from(emailOutbox).where(eq(emailOutbox.to, address)));

describe("a message to all families of the Wednesday club", () => {
  it("reaches each enrolled family, unread on their home until opened, each told by e-mail", async () => {
    const admin = await callerAs("admin@jolieville.test", "jolieville");
    const sent = await admin.messages.send({ audience: { activityId: d.ids["Mercredi loisirs"]! }, subject: "Sortie annulée demain", body: "La sortie au parc est annulée pour cause de pluie." });
    expect(sent).toEqual({ sent: 2, message: messages.demandes.messages.sent(2) });

    for (const email of ["parent@recre.test", "voisin@recre.test"]) {
      const home = await (await callerAs(email)).messages.unreadEverywhere();
      expect(home).toEqual([{ tenantSlug: "jolieville", tenantName: "Jolieville", unread: 1 }]);
      expect((await outboxTo(email)).map((m) => m.subject)).toContain(messages.demandes.messages.emailSubject("Jolieville"));
    }
    const parent = await callerAs("parent@recre.test", "jolieville");
    const [message] = await parent.messages.mine();
    expect(message).toMatchObject({ subject: "Sortie annulée demain", unread: true, direction: "to_family" });
    await parent.messages.markRead({ messageId: message!.id });
    expect(await (await callerAs("parent@recre.test")).messages.unreadEverywhere()).toEqual([]);
    // The neighbours' copy is theirs: still unread.
    expect((await (await callerAs("voisin@recre.test")).messages.unreadEverywhere())[0]?.unread).toBe(1);
    // Staff see the broadcast once, with how many families read it.
    const list = await admin.messages.staffList({});
    expect(list.find((m) => m.subject === "Sortie annulée demain")).toMatchObject({ recipients: 2, read: 1, householdName: "Mercredi loisirs" });
  });

  it("is refused for an audience with no family, and for another commune's activity", async () => {
    const admin = await callerAs("admin@jolieville.test", "jolieville");
    await expect(admin.messages.send({ audience: { activityId: d.ids["vf:Cantine"] ?? d.ids.Cantine! }, subject: "x", body: "" })).rejects.toMatchObject({
      code: d.ids["vf:Cantine"] ? "NOT_FOUND" : "BAD_REQUEST",
    });
    await expect(admin.messages.send({ audience: { householdId: d.ids["VF-0815"]! }, subject: "x", body: "" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("a family writing to the commune", () => {
  it("lands unread in the staff list and tells the front desk", async () => {
    const before = (await outboxTo("agent@jolieville.test")).length;
    await (await callerAs("voisin@recre.test", "jolieville")).messages.write({ subject: "Retard ce soir", body: "Je viendrai chercher Tom à 18 h 45." });
    const agent = await callerAs("agent@jolieville.test", "jolieville");
    const received = (await agent.messages.staffList({})).find((m) => m.subject === "Retard ce soir")!;
    expect(received).toMatchObject({ direction: "to_commune", unread: true, householdName: "Famille Durand" });
    await agent.messages.staffMarkRead({ messageId: received.id });
    expect((await agent.messages.staffList({})).find((m) => m.id === received.id)?.unread).toBe(false);
    expect((await outboxTo("agent@jolieville.test")).length).toBe(before + 1);
    // Another family cannot mark it, nor read it.
    await expect((await callerAs("parent@recre.test", "jolieville")).messages.markRead({ messageId: received.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(JSON.stringify(await (await callerAs("parent@recre.test", "jolieville")).messages.mine())).not.toContain("18 h 45");
  });
});
