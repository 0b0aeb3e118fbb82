import { describe, expect, it } from "vitest";
import { RESERVED_SLUGS, slugSchema } from "@/server/domain/tenants/slug";
import { messages } from "@/common/messages";

const problem = (slug: string) => slugSchema.safeParse(slug).error?.issues.map((i) => i.message);

describe("slugSchema", () => {
  it.each(["saint-martin-d-heres", "jolieville", "val-fleuri", "paris-15", "a1"])("accepts %s", (slug) => {
    expect(slugSchema.parse(slug)).toBe(slug);
  });

  it("trims surrounding spaces before checking", () => {
    expect(slugSchema.parse("  jolieville ")).toBe("jolieville");
  });

  it.each(["compte", "connexion", "plateforme", "api", "admin", "activation", "deconnexion"])("refuses the reserved word %s", (slug) => {
    expect(problem(slug)).toEqual([messages.tenant.reservedSlug]);
  });

  it("says an empty identifier is missing, not too short", () => {
    expect(problem("")).toEqual([messages.validation.required]);
    expect(problem("   ")).toEqual(["champ obligatoire"]);
  });

  it("refuses every reserved word", () => {
    expect([...RESERVED_SLUGS].filter((s) => slugSchema.safeParse(s).success)).toEqual([]);
  });

  it.each([
    ["Saint Martin", "lettres minuscules sans accent, chiffres et tirets"],
    ["Jolieville", "lettres minuscules sans accent, chiffres et tirets"],
    ["saint_martin", "lettres minuscules sans accent, chiffres et tirets"],
    ["saint-martin-d'hères", "lettres minuscules sans accent, chiffres et tirets"],
    ["-jolieville", "lettres minuscules sans accent, chiffres et tirets"],
    ["jolieville-", "lettres minuscules sans accent, chiffres et tirets"],
    ["val--fleuri", "lettres minuscules sans accent, chiffres et tirets"],
    ["jolieville/admin", "lettres minuscules sans accent, chiffres et tirets"],
    ["j", "2 caractères au minimum"],
    ["a".repeat(61), "60 caractères au maximum"],
  ])("refuses %j", (slug, message) => {
    expect(problem(slug)).toContain(message);
  });
});
