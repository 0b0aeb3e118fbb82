import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { attendanceSheetDownload } from "@/server/downloads";
import { loadDemo, userId } from "../../../fixtures/demo";
import { demoIds } from "../../../fixtures/demo-ids";

let site = "";
beforeAll(async () => {
  await loadDemo();
  site = (await demoIds()).ids["Accueil de loisirs Jules Verne"]!;
});

const sheet = async (email: string, siteId: string, date: string) =>
  attendanceSheetDownload(await userId(email), { commune: "jolieville", search: new URLSearchParams({ siteId, date }) });

describe("the printable attendance sheet", () => {
  it("lists a site's expected children of a day with boxes to tick, for its site staff", async () => {
    // Tom has the full Wednesday's only place.
    const response = await sheet("animateur@jolieville.test", site, "2026-12-16");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toContain("presence-2026-12-16.pdf");
    const pdf = Buffer.from(await response.arrayBuffer());
    if (!existsSync("/usr/bin/pdftotext")) return;
    const file = path.join(mkdtempSync(path.join(tmpdir(), "presence-")), "presence.pdf");
    writeFileSync(file, pdf);
    const text = execFileSync("/usr/bin/pdftotext", ["-layout", "-enc", "UTF-8", file, "-"]).toString("utf8").replace(/\s+/g, " ");
    expect(text).toContain("Feuille de présence - Accueil de loisirs Jules Verne");
    expect(text).toContain("Mercredi loisirs - 1 enfant attendu");
    expect(text).toContain("DURAND Tom");
  });

  it("is a 404 for families, for staff of another commune, and for a malformed request", async () => {
    expect((await sheet("voisin@recre.test", site, "2026-12-16")).status).toBe(404);
    expect((await sheet("admin@val-fleuri.test", site, "2026-12-16")).status).toBe(404);
    expect((await sheet("animateur@jolieville.test", site, "16/12/2026")).status).toBe(404);
  });
});
