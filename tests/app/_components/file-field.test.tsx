import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { FileField } from "@/app/_components/file-field";

describe("FileField", () => {
  it("speaks French whatever the browser's language, around a native input that keeps its label, hint and error", () => {
    const html = renderToStaticMarkup(createElement(FileField, { id: "certificat", label: "Certificat médical", name: "certificate", hint: "PDF, 2 Mo", error: "Fichier : trop lourd" }));
    expect(html).toContain("Choisir un fichier");
    expect(html).toContain("Aucun fichier choisi");
    expect(html).toMatch(/<label for="certificat"[^>]*>Certificat médical<\/label>/);
    expect(html).toMatch(/<input[^>]*type="file"[^>]*aria-invalid="true"[^>]*aria-describedby="certificat-aide certificat-erreur"[^>]*class="peer sr-only"/);
    // The visible button is for the mouse: not a second label, not a tab stop.
    expect(html.match(/<label/g)).toHaveLength(1);
    expect(html).toMatch(/<button type="button" tabindex="-1" aria-hidden="true"/);
  });
});
