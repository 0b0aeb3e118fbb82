"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { fieldErrors, formError, formValues } from "@/app/_lib/form-errors";
import { useTRPC } from "@/app/_lib/trpc";
import { Alert, Button, Field, SelectField } from "@/app/_components/ui";

const zones = ["A", "B", "C", "Corse", "Guadeloupe", "Martinique", "Guyane", "La Réunion", "Mayotte"];
const timeZones = ["Europe/Paris", "America/Guadeloupe", "America/Martinique", "America/Cayenne", "Indian/Reunion", "Indian/Mayotte"];
/** An overseas académie brings its time zone and public holidays (the operator may still change them). */
const overseas: Record<string, { timeZone: string; region: string }> = {
  Guadeloupe: { timeZone: "America/Guadeloupe", region: "FR-GP" },
  Martinique: { timeZone: "America/Martinique", region: "FR-MQ" },
  Guyane: { timeZone: "America/Cayenne", region: "FR-GF" },
  "La Réunion": { timeZone: "Indian/Reunion", region: "FR-RE" },
  Mayotte: { timeZone: "Indian/Mayotte", region: "FR-YT" },
};

function Select({
  label,
  name,
  options,
  error,
  hint,
  value,
  onChange,
}: {
  label: string;
  name: string;
  options: [string, string][];
  error?: string;
  hint?: string;
  value?: string;
  onChange?: (value: string) => void;
}) {
  return (
    <SelectField
      id={`champ-${name}`}
      name={name}
      label={label}
      options={options}
      error={error}
      hint={hint}
      value={value}
      onChange={onChange ? (event) => onChange(event.target.value) : undefined}
    />
  );
}

export function CreateTenantForm({ regions }: { regions: [string, string][] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [created, setCreated] = useState<string | null>(null);
  const [place, setPlace] = useState({ holidayZone: "A", timeZone: "Europe/Paris", publicHolidayRegion: "FR" });
  const choose = (holidayZone: string) =>
    setPlace((p) => ({
      holidayZone,
      timeZone: overseas[holidayZone]?.timeZone ?? (overseas[p.holidayZone] ? "Europe/Paris" : p.timeZone),
      publicHolidayRegion: overseas[holidayZone]?.region ?? (overseas[p.holidayZone] ? "FR" : p.publicHolidayRegion),
    }));
  const mutation = useMutation(trpc.platform.createTenant.mutationOptions());
  const errors = fieldErrors(mutation.error);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const v = formValues(form);
        mutation.mutate(
          {
            name: v.name ?? "",
            slug: v.slug ?? "",
            holidayZone: place.holidayZone as "A",
            timeZone: place.timeZone,
            publicHolidayRegion: place.publicHolidayRegion,
            billingMode: (v.billingMode ?? "invoice") as "invoice",
            adminName: v.adminName ?? "",
            adminEmail: v.adminEmail ?? "",
            addressLine: v.addressLine ?? "",
            postalCode: v.postalCode ?? "",
            city: v.city ?? "",
            phone: v.phone ?? "",
            email: v.email ?? "",
            siret: v.siret ?? "",
          },
          {
            onSuccess: (tenant) => {
              setCreated(tenant.name);
              form.reset();
              setPlace({ holidayZone: "A", timeZone: "Europe/Paris", publicHolidayRegion: "FR" });
              router.refresh();
            },
          },
        );
      }}
    >
      {created ? <Alert tone="success">{created} est ouverte ; son administrateur a reçu un e-mail d&apos;activation.</Alert> : null}
      {formError(mutation.error) ? <Alert tone="error">{formError(mutation.error)}</Alert> : null}
      <div className="grid gap-x-6 sm:grid-cols-2">
        <Field label="Nom" name="name" required error={errors.name} />
        <Field label="Identifiant dans l'adresse" name="slug" required hint="ex. : saint-martin (minuscules, chiffres, tirets)" error={errors.slug} />
        <Select
          label="Zone de vacances scolaires"
          name="holidayZone"
          value={place.holidayZone}
          onChange={choose}
          options={zones.map((z) => [z, z.length === 1 ? `Zone ${z}` : z])}
          error={errors.holidayZone}
        />
        <Select
          label="Fuseau horaire"
          name="timeZone"
          value={place.timeZone}
          onChange={(timeZone) => setPlace((p) => ({ ...p, timeZone }))}
          options={timeZones.map((z) => [z, z])}
          error={errors.timeZone}
        />
        <Select
          label="Jours fériés"
          name="publicHolidayRegion"
          value={place.publicHolidayRegion}
          onChange={(publicHolidayRegion) => setPlace((p) => ({ ...p, publicHolidayRegion }))}
          options={regions}
          error={errors.publicHolidayRegion}
        />
        <Select label="Mode de facturation" name="billingMode" options={[["invoice", "Facture en fin de mois"], ["prepaid", "Paiement immédiat (panier)"]]} error={errors.billingMode} />
        <Field label="Nom du premier administrateur" name="adminName" required error={errors.adminName} />
        <Field label="E-mail du premier administrateur" name="adminEmail" type="email" required error={errors.adminEmail} />
      </div>
      <fieldset className="mb-4 rounded-lg border border-slate-200 p-4">
        <legend className="px-1 text-sm font-medium text-slate-800">Coordonnées de la mairie sur les factures (facultatif, modifiables ensuite par la commune)</legend>
        <div className="grid gap-x-6 sm:grid-cols-2">
          <Field label="Adresse" name="addressLine" autoComplete="off" error={errors.addressLine} />
          <div className="grid grid-cols-[8rem_1fr] gap-x-3">
            <Field label="Code postal" name="postalCode" inputMode="numeric" autoComplete="off" error={errors.postalCode} />
            <Field label="Commune" name="city" autoComplete="off" error={errors.city} />
          </div>
          <Field label="Téléphone" name="phone" type="tel" autoComplete="off" error={errors.phone} />
          <Field label="E-mail de la mairie" name="email" type="email" autoComplete="off" error={errors.email} />
          <Field label="SIRET" name="siret" inputMode="numeric" autoComplete="off" error={errors.siret} />
        </div>
      </fieldset>
      <Button type="submit" disabled={mutation.isPending}>
        Ouvrir la collectivité
      </Button>
    </form>
  );
}
