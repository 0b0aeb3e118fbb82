import { describe, expect, it } from "vitest";
import { landingPath } from "@/app/_lib/landing";

const family = { tenantSlug: "jolieville" };

describe("landingPath", () => {
  it("opens the staff space of the one commune a staff member works for", () => {
    // A new commune's first admin, invited by the operator: no family file.
    expect(landingPath({ families: [], staff: [{ tenantSlug: "belleville" }], isOperator: false })).toBe("/belleville/admin");
    // Two roles in one commune are still one commune.
    expect(landingPath({ families: [], staff: [{ tenantSlug: "jolieville" }, { tenantSlug: "jolieville" }], isOperator: false })).toBe("/jolieville/admin");
  });

  it("opens the platform console to an operator with no commune of their own", () => {
    expect(landingPath({ families: [], staff: [], isOperator: true })).toBe("/plateforme");
  });

  it("keeps « Mon compte » for families, several communes, or nothing to open yet", () => {
    expect(landingPath({ families: [family], staff: [], isOperator: false })).toBe("/compte");
    expect(landingPath({ families: [family], staff: [{ tenantSlug: "jolieville" }], isOperator: false })).toBe("/compte");
    expect(landingPath({ families: [], staff: [{ tenantSlug: "jolieville" }, { tenantSlug: "val-fleuri" }], isOperator: false })).toBe("/compte");
    expect(landingPath({ families: [], staff: [], isOperator: false })).toBe("/compte");
  });
});
