import { describe, expect, it } from "vitest";
import { draftOf, inputOf, type ActivityDetail } from "@/app/[commune]/admin/activites/activity-draft";

const defaults = { siteId: "site-1", schoolYearId: "annee-1" };

describe("the activity form's draft", () => {
  it("starts a new activity as a canteen on school days, billed as the commune, cancel rule as booking", () => {
    const input = inputOf(draftOf(undefined, defaults));
    expect(input).toMatchObject({ siteId: "site-1", schoolYearId: "annee-1", service: "cantine", weekdays: [1, 2, 4, 5], capacity: null, cancelRule: null, billingMode: null });
  });

  it("sends back what an existing activity holds, empty texts as null and « no online cancel » as its rule", () => {
    const activity = {
      ...draftOf(undefined, defaults),
      name: "Mercredi loisirs",
      service: "mercredi",
      unit: "journee",
      runsOn: "wednesdays",
      weekdays: [3],
      capacity: 24,
      bookingRule: { kind: "days_before", days: 6, time: "23:59", excludedWeekdays: [6, 7] },
      cancelRule: { kind: "none" },
      classLevels: ["CP"],
      minAgeMonths: 36,
      maxAgeMonths: null,
      autoAcceptEnrolment: true,
      billingMode: "invoice",
      invoiceTiming: "arrears",
      enrolled: 3,
    } as unknown as ActivityDetail;
    const input = inputOf(draftOf(activity, defaults));
    expect(input).toMatchObject({ name: "Mercredi loisirs", capacity: 24, cancelRule: { kind: "none" }, minAgeMonths: 36, maxAgeMonths: null, billingMode: "invoice", invoiceTiming: "arrears" });
  });
});
