import { describe, expect, it } from "vitest";
import { suggestedRun } from "@/server/domain/billing/suggested-run";

const november = { period: "2026-11", mode: "advance" as const, status: "issued" };
const both = { advance: true, arrears: false };

describe("suggestedRun", () => {
  it("proposes this month while it has not been issued in advance, so a late run is not skipped", () => {
    // 1 December, November issued on 28 October, December never issued.
    expect(suggestedRun("2026-12-01", [november], both)).toEqual({ period: "2026-12", mode: "advance" });
  });

  it("proposes next month once this month is issued", () => {
    expect(suggestedRun("2026-11-25", [november], both)).toEqual({ period: "2026-12", mode: "advance" });
    expect(suggestedRun("2026-12-28", [november, { ...november, period: "2026-12" }], both)).toEqual({ period: "2027-01", mode: "advance" });
  });

  it("does not count a run still in progress, nor one in the other mode, as issued", () => {
    expect(suggestedRun("2026-12-10", [{ ...november, period: "2026-12", status: "issuing" }], both).period).toBe("2026-12");
    expect(suggestedRun("2026-12-10", [{ ...november, period: "2026-12", mode: "arrears" as const }], both).period).toBe("2026-12");
  });

  it("proposes last month in arrears to a commune that bills only from attendance", () => {
    expect(suggestedRun("2027-01-15", [], { advance: false, arrears: true })).toEqual({ period: "2026-12", mode: "arrears" });
  });
});
