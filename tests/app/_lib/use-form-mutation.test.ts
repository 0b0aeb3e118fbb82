import { describe, expect, it } from "vitest";
import { formFeedback } from "@/app/_lib/use-form-mutation";

const clientError = (data: object, message = "") => ({ message, data }) as unknown as Parameters<typeof formFeedback>[0];

describe("formFeedback (useFormMutation)", () => {
  it("puts the server's refusal on its field, with nothing above the form and no success", () => {
    const error = clientError({ fieldErrors: { email: "Adresse e-mail : adresse invalide" } }, "Adresse e-mail : adresse invalide");
    expect(formFeedback(error, "Enregistré.")).toEqual({ errors: { email: "Adresse e-mail : adresse invalide" }, formError: undefined, success: null });
  });

  it("says a refusal no field carries above the form", () => {
    expect(formFeedback(clientError({}, "Cette opération entre en conflit avec une autre."), null).formError).toBe("Cette opération entre en conflit avec une autre.");
  });

  it("names fields sent inside an object as the form names them", () => {
    expect(formFeedback(clientError({ fieldErrors: { "period.label": "Libellé : champ obligatoire" } }), null, "period").errors.label).toBe("Libellé : champ obligatoire");
  });

  it("says the success message once saved", () => {
    expect(formFeedback(null, "Coordonnées enregistrées.")).toEqual({ errors: {}, formError: undefined, success: "Coordonnées enregistrées." });
  });
});
