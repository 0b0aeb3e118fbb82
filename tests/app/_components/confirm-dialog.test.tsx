import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ConfirmDialog } from "@/app/_components/confirm-dialog";

const apostrophes = (html: string) => html.replaceAll("&#x27;", "'");
const render = (danger: boolean) =>
  apostrophes(
    renderToStaticMarkup(
      createElement(ConfirmDialog, {
        options: { title: "Émettre l'avoir ?", text: "Un avoir émis ne peut plus être annulé.", confirmLabel: "Émettre l'avoir", danger },
        onClose: () => {},
      }),
    ),
  );

describe("ConfirmDialog", () => {
  it("is the browser's modal dialog, named by its French title and described by its text", () => {
    const html = render(false);
    expect(html).toMatch(/^<dialog role="alertdialog" aria-modal="true" aria-labelledby="([^"]+)-titre" aria-describedby="\1-texte"/);
    expect(html).toContain(">Émettre l'avoir ?</h2>");
    expect(html).toContain("Un avoir émis ne peut plus être annulé.");
    // Both buttons close the dialog (method="dialog"); the value says which was pressed.
    expect(html).toContain('<form method="dialog">');
    expect(html).toMatch(/<button type="submit" value="cancel"[^>]*>Annuler<\/button>/);
    expect(html).toMatch(/<button type="submit" value="confirm"[^>]*>Émettre l'avoir<\/button>/);
  });

  it("colours the confirm button red for a danger, and starts on « Annuler » so Enter destroys nothing", () => {
    const danger = render(true);
    expect(danger).toMatch(/value="confirm" class="[^"]*bg-red-700/);
    expect(danger).toMatch(/value="cancel" autofocus=""/);
    expect(render(false)).toMatch(/value="confirm" autofocus=""/);
  });
});
