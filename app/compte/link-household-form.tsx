"use client";
import { FormAlerts } from "@/app/_components/form-alerts";
import { Button, Field, SelectField } from "@/app/_components/ui";
import { formValues } from "@/app/_lib/form-errors";
import { useTRPC } from "@/app/_lib/trpc";
import { useFormMutation } from "@/app/_lib/use-form-mutation";
import { messages } from "@/common/messages";

/** « Ajouter un dossier famille »: the commune, then the reference and activation code printed on an invoice. */
export function LinkHouseholdForm({ communes }: { communes: { slug: string; name: string }[] }) {
  const trpc = useTRPC();
  const link = useFormMutation(trpc.family.linkHousehold.mutationOptions(), {
    success: (r) => messages.activation.linked(r.reference, r.householdName, r.tenantName, r.guardianName),
    resetForm: true,
  });
  const errors = link.errors;
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const v = formValues(form);
        link.submit(form, { communeSlug: v.communeSlug ?? "", familyReference: v.familyReference ?? "", code: v.code ?? "" });
      }}
    >
      <FormAlerts success={link.success} formError={link.formError} />
      <p className="mb-4 text-sm text-slate-700">
        Votre référence famille et votre code d&apos;activation figurent en bas de chaque facture de la commune (ou demandez-les au guichet de la mairie).
        Votre compte est relié au responsable du dossier qui a votre adresse e-mail, sinon au premier responsable qui n&apos;a pas encore de compte.
      </p>
      <div className="grid gap-x-4 sm:grid-cols-3">
        <SelectField id="champ-communeSlug" name="communeSlug" label="Commune" options={communes.map((c) => [c.slug, c.name] as const)} error={errors.communeSlug} />
        <Field label="Référence famille" name="familyReference" autoComplete="off" autoCapitalize="characters" spellCheck={false} error={errors.familyReference} />
        <Field label="Code d'activation" name="code" placeholder="XXXX-XXXX-XXXX" autoComplete="off" autoCapitalize="characters" spellCheck={false} error={errors.code} />
      </div>
      <Button type="submit" disabled={link.pending}>
        Ajouter ce dossier famille
      </Button>
    </form>
  );
}
