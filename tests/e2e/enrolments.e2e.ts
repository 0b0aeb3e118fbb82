import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, launchBrowser, newPage, openPlanningMonth, signIn } from "./harness";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const ACTIVITY = "Centre de loisirs des vacances";

describe("an enrolment request", () => {
  it("is asked by the parent, accepted by the town hall, and the planning then offers the activity's days", async () => {
    const parent = await newPage(browser);
    await signIn(parent, "parent@recre.test");
    await parent.goto("/val-fleuri/inscriptions");
    await parent.getByLabel("Activité").selectOption({ label: `${ACTIVITY} (2026-2027)` });
    await parent.getByText("Accueil de loisirs Les Oliviers · validation par la mairie").waitFor();
    await parent.getByRole("button", { name: "Demander l'inscription" }).click();
    await parent.getByText(/Demande envoyée/).waitFor();
    const mine = parent.getByRole("listitem").filter({ hasText: ACTIVITY });
    await mine.getByText("En attente de validation").waitFor();
    await expectAccessible(parent);

    // Waiting: the activity is on the planning, its days disabled with the reason.
    await openPlanningMonth(parent, "/val-fleuri/planning", "décembre 2026", ACTIVITY);
    const section = parent.locator("section").filter({ has: parent.getByRole("heading", { name: ACTIVITY }) });
    await section.getByText("La mairie n'a pas encore validé l'inscription", { exact: false }).waitFor();
    await section.getByText("lundi 21 décembre : Inscription en attente de validation").waitFor();
    expect(await section.getByRole("button").count()).toBe(0);

    const admin = await newPage(browser);
    await signIn(admin, "admin@val-fleuri.test");
    await admin.goto("/val-fleuri/admin/inscriptions");
    await expectAccessible(admin);
    await admin.getByRole("button", { name: "Accepter l'inscription de Louise" }).click();
    await admin.getByText("Aucune demande à traiter.").waitFor();

    // The family is e-mailed the decision (issue 14, point 5).
    await parent.goto("/dev/mail");
    await parent.getByRole("link", { name: /^Inscription de Louise acceptée\s*À parent@recre\.test/ }).first().waitFor();
    await parent.goto("/val-fleuri/inscriptions");
    await parent.getByRole("listitem").filter({ hasText: ACTIVITY }).getByText("Acceptée").waitFor();
    await openPlanningMonth(parent, "/val-fleuri/planning", "décembre 2026", ACTIVITY);
    const open = parent.locator("section").filter({ has: parent.getByRole("heading", { name: ACTIVITY }) });
    const monday = open.getByRole("button", { name: /^lundi 21 décembre, Centre de loisirs des vacances : / });
    await monday.waitFor();
    expect(await monday.isEnabled()).toBe(true);
    await monday.click();
    await open.getByRole("button", { name: /^lundi 21 décembre, Centre de loisirs des vacances : .*À réserver/ }).waitFor();
  });
});
