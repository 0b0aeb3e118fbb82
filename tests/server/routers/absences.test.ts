import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { messages } from "@/common/messages";
import { fileForReader } from "@/server/domain/files/download";
import { callerAs, loadDemo, userId } from "../../fixtures/demo";
import { book, demoIds } from "../../fixtures/demo-ids";
import { callHttp } from "../../fixtures/http";

let d: Awaited<ReturnType<typeof demoIds>>;
const THURSDAY = "2026-12-03";
const notFound = { code: "NOT_FOUND", message: messages.errors.NOT_FOUND };
const pdf = Buffer.from("%PDF-1.7\n").toString("base64");

beforeAll(async () => {
  await loadDemo();
  d = await demoIds();
  const cantine = (child: string) => ({ childId: d.ids[child]!, activityId: d.ids.Cantine!, date: THURSDAY, action: "book" as const });
  await book(d.jolieville, d.parent, [cantine("Sarah"), cantine("Chloé")]);
  await book(d.jolieville, d.voisin, [cantine("Tom")]);
  // Tuesday 1 December: Thursday can no longer be cancelled.
  vi.stubEnv("RECRE_NOW", "2026-12-01T10:00:00+01:00");
});
afterAll(() => {
  vi.unstubAllEnvs();
});

const sarahThursday = () => ({ childId: d.ids.Sarah!, activityId: d.ids.Cantine!, date: THURSDAY });

describe("absence reports through the procedures", () => {
  it("refuses a bad certificate or comment with a French message naming the field, and writes nothing", async () => {
    const asParent = { as: "parent@recre.test", commune: "jolieville" };
    const wrongType = await callHttp("absences.report", { ...sarahThursday(), reason: "illness", certificate: { name: "a.gif", type: "image/gif", base64: "R0lGODlh" } }, asParent);
    expect(wrongType.status).toBe(400);
    expect(wrongType.error).toMatchObject({ message: messages.absences.certificate.type, data: { field: "certificate" } });
    expect(wrongType.error!.message).toContain(messages.fields.certificate!);
    const tooLong = await callHttp("absences.report", { ...sarahThursday(), reason: "illness", comment: "x".repeat(1001) }, asParent);
    expect(tooLong.status).toBe(400);
    expect(Object.keys(tooLong.error!.data.fieldErrors)).toEqual(["comment"]);
    expect(tooLong.error!.message).toContain(`${messages.fields.comment} :`);
    const badReason = await callHttp("absences.report", { ...sarahThursday(), reason: "vacances" }, asParent);
    expect(Object.keys(badReason.error!.data.fieldErrors)).toEqual(["reason"]);
    expect(badReason.error!.message).toContain(`${messages.fields.reason} :`);
    const parent = await callerAs("parent@recre.test", "jolieville");
    expect((await parent.absences.mine()).reports).toEqual([]);
  });

  it("lets a parent report for their own child only, and never shows another family's reports", async () => {
    const parent = await callerAs("parent@recre.test", "jolieville");
    await parent.absences.report({ ...sarahThursday(), reason: "illness", comment: "Fièvre", certificate: { name: "certificat.pdf", type: "application/pdf", base64: pdf } });
    const voisin = await callerAs("voisin@recre.test", "jolieville");
    await expect(voisin.absences.report({ ...sarahThursday(), reason: "other" })).rejects.toMatchObject(notFound);
    const theirs = await voisin.absences.mine();
    expect(theirs.reports).toEqual([]);
    expect(theirs.days.map((x) => x.childFirstName)).toEqual(["Tom"]);
    expect(JSON.stringify(theirs)).not.toMatch(/Sarah|Chloé|Fièvre/);
    const mine = await parent.absences.mine();
    expect(mine.reports.map((r) => [r.childFirstName, r.status, r.comment])).toEqual([["Sarah", "pending", "Fièvre"]]);
    expect(JSON.stringify(mine)).not.toContain(pdf);
  });

  it("keeps the staff side to the front desk and admins of the commune", async () => {
    const [report] = await (await callerAs("agent@jolieville.test", "jolieville")).absences.list({ status: "pending" });
    expect(report).toMatchObject({ childFirstName: "Sarah", reason: "illness", hasCertificate: true, householdReference: "JOL-00042" });
    for (const [email, commune] of [
      ["parent@recre.test", "jolieville"],
      ["voisin@recre.test", "jolieville"],
      ["animateur@jolieville.test", "jolieville"],
      ["admin@val-fleuri.test", "jolieville"],
      ["admin@jolieville.test", "val-fleuri"],
    ] as const) {
      const caller = await callerAs(email, commune);
      await expect(caller.absences.list({ status: "pending" })).rejects.toMatchObject(notFound);
      // The certificate's download route answers them 404, as for a file that does not exist; its own family may read it.
      const file = await fileForReader({ userId: await userId(email), commune, fileId: report!.certificateFileId! });
      if (email === "parent@recre.test" && commune === "jolieville") expect(file).toMatchObject({ name: "certificat.pdf" });
      else expect(file).toBeNull();
      await expect(caller.absences.review({ reportId: report!.id, decision: "accepted" })).rejects.toMatchObject(notFound);
    }
    const admin = await callerAs("admin@jolieville.test", "jolieville");
    const file = await fileForReader({ userId: await userId("admin@jolieville.test"), commune: "jolieville", fileId: report!.certificateFileId! });
    expect(file).toMatchObject({ name: "certificat.pdf", contentType: "application/pdf" });
    expect(Buffer.from(await new Response(file!.object.body).arrayBuffer()).toString("base64")).toBe(pdf);
    await admin.absences.review({ reportId: report!.id, decision: "accepted" });
    const list = await (await callerAs("animateur@jolieville.test", "jolieville")).attendance.dailyList({ siteId: d.ids["Restaurant scolaire Jules Ferry"]!, date: THURSDAY });
    expect(list.activities[0]!.expected.find((c) => c.firstName === "Sarah")).toMatchObject({ status: "excused", absenceReport: "accepted" });
    expect((await (await callerAs("parent@recre.test", "jolieville")).absences.mine()).reports[0]!.status).toBe("accepted");
  });
});
