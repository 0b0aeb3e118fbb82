"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert, Button, Field, SelectField } from "@/app/_components/ui";
import { fieldErrors, formError, formValues } from "@/app/_lib/form-errors";
import { useTRPC } from "@/app/_lib/trpc";
import { messages } from "@/common/messages";

/** « Ajouter un dossier famille »: the commune, then the reference and activation code printed on an invoice. */
export function LinkHouseholdForm({ communes }: { communes: { slug: string; name: string }[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [linked, setLinked] = useState<string | null>(null);
  const link = useMutation({
    ...trpc.family.linkHousehold.mutationOptions(),
    onSuccess: (r) => {
      setLinked(messages.activation.linked(r.reference, r.householdName, r.tenantName, r.guardianName));
      router.refresh();
    },
  });
  const errors = fieldErrors(link.error);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setLinked(null);
        const form = event.currentTarget;
        const v = formValues(form);
        link.mutate({ communeSlug: v.communeSlug ?? "", familyReference: v.familyReference ?? "", code: v.code ?? "" }, { onSuccess: () => form.reset() });
      }}
    >
      {linked ? <Alert tone="success">{linked}</Alert> : null}
      {formError(link.error) ? <Alert tone="error">{formError(link.error)}</Alert> : null}
      <p className="mb-4 text-sm text-slate-700">
        Votre référence famille et votre code d&apos;activation figurent en bas de chaque facture de la commune (ou demandez-les au guichet de la mairie).
        Votre compte est relié au responsable du dossier qui a votre adresse e-mail, sinon au premier responsable qui n&apos;a pas encore de compte.
      </p>
      <div className="grid gap-x-4 sm:grid-cols-3">
        <SelectField id="champ-communeSlug" name="communeSlug" label="Commune" options={communes.map((c) => [c.slug, c.name] as const)} error={errors.communeSlug} />
        <Field label="Référence famille" name="familyReference" autoComplete="off" autoCapitalize="characters" spellCheck={false} error={errors.familyReference} />
        <Field label="Code d'activation" name="code" placeholder="XXXX-XXXX-XXXX" autoComplete="off" autoCapitalize="characters" spellCheck={false} error={errors.code} />
      </div>
      <Button type="submit" disabled={link.isPending}>
        Ajouter ce dossier famille
      </Button>
    </form>
  );
}
