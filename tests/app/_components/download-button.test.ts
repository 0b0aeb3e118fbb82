import { describe, expect, it } from "vitest";
import { filenameFrom } from "@/app/_components/download-button";

describe("filenameFrom (DownloadButton)", () => {
  it("saves the file under the name the route gives, accents included", () => {
    expect(filenameFrom(`attachment; filename="facture-2026-000001.pdf"; filename*=UTF-8''facture-2026-000001.pdf`, "x")).toBe("facture-2026-000001.pdf");
    expect(filenameFrom(`attachment; filename="re_pas.csv"; filename*=UTF-8''r%C3%A9pas.csv`, "x")).toBe("répas.csv");
    expect(filenameFrom(`attachment; filename="repas.csv"`, "x")).toBe("repas.csv");
  });

  it("falls back to the page's name when the route names none", () => {
    expect(filenameFrom(null, "facture.pdf")).toBe("facture.pdf");
    expect(filenameFrom("attachment", "facture.pdf")).toBe("facture.pdf");
  });
});
