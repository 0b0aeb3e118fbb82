import { describe, expect, it } from "vitest";
import { fieldErrors, formError } from "@/app/_lib/form-errors";

const clientError = (data: object, message = "") => ({ message, data }) as unknown as Parameters<typeof fieldErrors>[0];

describe("fieldErrors", () => {
  it("gives the form's own field names to errors on an object the fields were sent in", () => {
    // calendar.periodImpact is called with { period: { label, startDate, … } }.
    const error = clientError({ fieldErrors: { "period.label": "Libellé : champ obligatoire", "period.startDate": "Date de début : date invalide" } });
    const errors = fieldErrors(error, "period");
    expect(errors.label).toBe("Libellé : champ obligatoire");
    expect(errors.startDate).toBe("Date de début : date invalide");
    // Named per field, so nothing is left for the message above the form.
    expect(formError(error)).toBeUndefined();
  });

  it("leaves keys alone without `under`, and keeps a key the form already names", () => {
    const error = clientError({ fieldErrors: { "period.label": "imbriqué", label: "à plat" } });
    expect(fieldErrors(error)).toEqual({ "period.label": "imbriqué", label: "à plat" });
    expect(fieldErrors(error, "period").label).toBe("à plat");
  });

  it("names the field an AppError points at", () => {
    expect(fieldErrors(clientError({ field: "slug" }, "Une collectivité utilise déjà cet identifiant."))).toEqual({ slug: "Une collectivité utilise déjà cet identifiant." });
  });
});
