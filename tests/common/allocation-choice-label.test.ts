import { describe, expect, it } from "vitest";
import { choiceLabel, siteChoiceLabel } from "@/common/allocation";

const weeks = [
  { label: "Semaine du 5 juil. au 9 juil. 2027", days: ["2027-07-05", "2027-07-06", "2027-07-07", "2027-07-08", "2027-07-09"] },
  { label: "Semaine du 12 juil. au 16 juil. 2027", days: ["2027-07-12", "2027-07-13", "2027-07-15", "2027-07-16"] },
];

describe("how a family's choice reads", () => {
  it("is the week's label when every day of it is chosen", () => {
    expect(choiceLabel(weeks, weeks[1]!.days)).toBe("Semaine du 12 juil. au 16 juil. 2027");
  });

  it("names the days when only some of the week are chosen, in date order", () => {
    expect(choiceLabel(weeks, ["2027-07-07", "2027-07-05"])).toBe("Semaine du 5 juil. au 9 juil. 2027 : lundi 5 juillet, mercredi 7 juillet");
  });

  it("lists the days when they fall in no week of the round", () => {
    expect(choiceLabel(weeks, ["2027-07-05", "2027-07-12"])).toBe("lundi 5 juillet, lundi 12 juillet");
  });

  it("names the site first when the round has several, a choice without activity being the first site's", () => {
    const sites = [
      { activityId: "a", activityName: "Centre", siteName: "Accueil de loisirs Jules Verne", weeks },
      { activityId: "b", activityName: "Centre", siteName: "Accueil périscolaire Jules Ferry", weeks },
    ];
    expect(siteChoiceLabel(sites, { activityId: "b", days: weeks[0]!.days })).toBe("Accueil périscolaire Jules Ferry — Semaine du 5 juil. au 9 juil. 2027");
    expect(siteChoiceLabel(sites, { days: weeks[0]!.days })).toBe("Accueil de loisirs Jules Verne — Semaine du 5 juil. au 9 juil. 2027");
    expect(siteChoiceLabel(sites.slice(0, 1), { activityId: "a", days: weeks[0]!.days })).toBe("Semaine du 5 juil. au 9 juil. 2027");
  });
});
