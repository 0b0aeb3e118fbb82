"use client";
import { useState } from "react";
import { FormAlerts } from "@/app/_components/form-alerts";
import { Button, Field, SelectField } from "@/app/_components/ui";
import { useFormMutation } from "@/app/_lib/use-form-mutation";
import { useTRPC } from "@/app/_lib/trpc";

const zones = ["A", "B", "C", "Corse", "Guadeloupe", "Martinique", "Guyane", "La Réunion", "Mayotte"] as const;
const timeZones = ["Europe/Paris", "America/Guadeloupe", "America/Martinique", "America/Cayenne", "Indian/Reunion", "Indian/Mayotte"];

export function TenantSettingsForm({ tenant }: { tenant: { id: string; name: string; holidayZone: string; timeZone: string } }) {
  const trpc = useTRPC();
  const [values, setValues] = useState({ name: tenant.name, holidayZone: tenant.holidayZone as (typeof zones)[number], timeZone: tenant.timeZone });
  const update = useFormMutation(trpc.platform.updateTenant.mutationOptions(), { success: "Réglages enregistrés." });
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        update.submit(event.currentTarget, { tenantId: tenant.id, ...values });
      }}
    >
      <FormAlerts success={update.success} formError={update.formError} />
      <Field id="commune-nom" label="Nom" name="name" value={values.name} onChange={(e) => setValues({ ...values, name: e.target.value })} error={update.errors.name} />
      <SelectField id="commune-zone" label="Zone de vacances scolaires" name="holidayZone" options={zones.map((z) => [z, z.length === 1 ? `Zone ${z}` : z] as const)} value={values.holidayZone} onChange={(e) => setValues({ ...values, holidayZone: e.target.value as (typeof zones)[number] })} error={update.errors.holidayZone} />
      <SelectField id="commune-fuseau" label="Fuseau horaire" name="timeZone" options={(timeZones.includes(values.timeZone) ? timeZones : [values.timeZone, ...timeZones]).map((t) => [t, t] as const)} value={values.timeZone} onChange={(e) => setValues({ ...values, timeZone: e.target.value })} error={update.errors.timeZone} />
      <Button type="submit" disabled={update.pending}>
        Enregistrer les réglages
      </Button>
    </form>
  );
}

export function AddAdminForm({ tenantId }: { tenantId: string }) {
  const trpc = useTRPC();
  const [values, setValues] = useState({ email: "", name: "" });
  const add = useFormMutation(trpc.platform.addAdmin.mutationOptions(), { success: (_, v) => `Invitation envoyée à ${v.email}.`, onSuccess: () => setValues({ email: "", name: "" }) });
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        add.submit(event.currentTarget, { tenantId, ...values });
      }}
    >
      <h3 className="mb-2 font-semibold">Ajouter un administrateur</h3>
      <FormAlerts success={add.success} formError={add.formError} />
      <Field id="admin-email" label="Adresse e-mail" type="email" name="email" value={values.email} onChange={(e) => setValues({ ...values, email: e.target.value })} error={add.errors.email} />
      <Field id="admin-nom" label="Nom" name="name" value={values.name} onChange={(e) => setValues({ ...values, name: e.target.value })} error={add.errors.name} />
      <Button type="submit" disabled={add.pending}>
        Inviter l&apos;administrateur
      </Button>
    </form>
  );
}

/** Replaces one admin: the new one is invited, the former leaves the commune's team. */
export function ReplaceAdminForm({ tenantId, former }: { tenantId: string; former: { userId: string; email: string } }) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState({ email: "", name: "" });
  const replace = useFormMutation(trpc.platform.replaceAdmin.mutationOptions(), { success: (_, v) => `${v.email} remplace ${former.email}.` });
  if (!open) {
    return (
      <button type="button" className="ml-2 min-h-11 text-sm font-semibold text-brand-700 underline underline-offset-4" onClick={() => setOpen(true)} aria-label={`Remplacer ${former.email}`}>
        Remplacer
      </button>
    );
  }
  const id = former.userId.slice(0, 8);
  return (
    <form
      noValidate
      className="mt-2 rounded-lg border border-slate-200 p-3"
      onSubmit={(event) => {
        event.preventDefault();
        replace.submit(event.currentTarget, { tenantId, formerUserId: former.userId, ...values });
      }}
    >
      <FormAlerts success={replace.success} formError={replace.formError} />
      <Field id={`remplacant-email-${id}`} label="E-mail du nouvel administrateur" type="email" name="email" value={values.email} onChange={(e) => setValues({ ...values, email: e.target.value })} error={replace.errors.email} />
      <Field id={`remplacant-nom-${id}`} label="Nom" name="name" value={values.name} onChange={(e) => setValues({ ...values, name: e.target.value })} error={replace.errors.name} />
      <Button type="submit" variant="danger" disabled={replace.pending}>
        Remplacer {former.email}
      </Button>
    </form>
  );
}
