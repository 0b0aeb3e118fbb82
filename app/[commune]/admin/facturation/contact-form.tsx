"use client";
import { FormAlerts } from "@/app/_components/form-alerts";
import { Button, Field } from "@/app/_components/ui";
import { formValues } from "@/app/_lib/form-errors";
import { useTRPC } from "@/app/_lib/trpc";
import { useFormMutation } from "@/app/_lib/use-form-mutation";

interface Contact {
  addressLine: string;
  postalCode: string;
  city: string;
  phone: string;
  email: string;
  siret: string;
  dpoContact: string;
  chequePayee: string;
}

/** The town hall (or régie) printed at the top of every invoice and shown to families. */
export function ContactForm({ current }: { current: Contact }) {
  const trpc = useTRPC();
  const save = useFormMutation(trpc.commune.setContact.mutationOptions(), {
    success: "Coordonnées enregistrées : elles figurent sur les prochaines factures téléchargées.",
  });
  const errors = save.errors;
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const v = formValues(event.currentTarget);
        save.submit(event.currentTarget, { addressLine: v.addressLine, postalCode: v.postalCode, city: v.city, phone: v.phone, email: v.email, siret: v.siret, dpoContact: v.dpoContact, chequePayee: v.chequePayee });
      }}
    >
      <FormAlerts success={save.success} formError={save.formError} />
      <Field label="Adresse" name="addressLine" autoComplete="street-address" defaultValue={current.addressLine} error={errors.addressLine} hint="Ex. : Mairie - Service enfance, 1 place de la République" />
      <div className="grid gap-x-4 sm:grid-cols-[10rem_1fr]">
        <Field label="Code postal" name="postalCode" inputMode="numeric" autoComplete="postal-code" defaultValue={current.postalCode} error={errors.postalCode} />
        <Field label="Commune" name="city" autoComplete="address-level2" defaultValue={current.city} error={errors.city} />
      </div>
      <div className="grid gap-x-4 sm:grid-cols-2">
        <Field label="Téléphone" name="phone" type="tel" autoComplete="tel" defaultValue={current.phone} error={errors.phone} />
        <Field label="Adresse e-mail" name="email" type="email" autoComplete="email" defaultValue={current.email} error={errors.email} />
      </div>
      <Field label="SIRET (facultatif)" name="siret" inputMode="numeric" defaultValue={current.siret} error={errors.siret} hint="14 chiffres, celui de la mairie ou de la régie qui encaisse." />
      <Field label="Ordre des chèques" name="chequePayee" defaultValue={current.chequePayee} error={errors.chequePayee} hint="Imprimé sur les factures (« par chèque à l'ordre de … ») ; vide : le nom de la commune." />
      <Field label="Délégué à la protection des données (DPO)" name="dpoContact" defaultValue={current.dpoContact} error={errors.dpoContact} hint="Nom et adresse (postale ou e-mail) du DPO de la commune, affichés dans la page « Données personnelles » de votre espace." />
      <Button type="submit" disabled={save.pending}>
        Enregistrer les coordonnées
      </Button>
    </form>
  );
}
