import { beforeAll, describe, expect, it } from "vitest";
import { callerAs, loadDemo } from "../../../fixtures/demo";

beforeAll(async () => {
  await loadDemo();
});

describe("a commune's setup checklist", () => {
  it("says every step is done in a commune already running", async () => {
    const setup = await (await callerAs("admin@jolieville.test", "jolieville")).dashboard.setup();
    expect(setup.complete).toBe(true);
    expect(setup.steps.map((s) => s.step)).toEqual(["schoolYear", "holidays", "sites", "activities", "tariffs", "team", "families"]);
  });

  it("lists what is left to do (Val-Fleuri: an admin alone, no team yet), to admins only", async () => {
    const setup = await (await callerAs("admin@val-fleuri.test", "val-fleuri")).dashboard.setup();
    // Val-Fleuri has one admin alone and one family: its team step is left.
    expect(setup.steps.find((s) => s.step === "team")).toMatchObject({ count: 1, done: false });
    expect(setup.complete).toBe(false);
    await expect((await callerAs("agent@jolieville.test", "jolieville")).dashboard.setup()).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
