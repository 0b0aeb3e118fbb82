"use client";
import { useMutation } from "@tanstack/react-query";
import { usePathname, useRouter } from "next/navigation";
import { useState } from "react";
import { Alert, Button, Field } from "@/app/_components/ui";
import { fieldErrors, formError, formValues } from "@/app/_lib/form-errors";
import { useTRPC } from "@/app/_lib/trpc";

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

interface YearValues {
  label: string;
  startDate: string;
  endDate: string;
}

function YearFields({ prefix, values, errors }: { prefix: string; values: YearValues; errors: Record<string, string> }) {
  return (
    <div className="grid gap-x-4 sm:grid-cols-3">
      <Field id={`${prefix}-libelle`} label="Libellé" name="label" required defaultValue={values.label} hint="ex. : 2026-2027" error={errors.label} />
      <Field id={`${prefix}-debut`} label="Date de début" name="startDate" type="date" required defaultValue={values.startDate} hint="Jour de la rentrée" error={errors.startDate} />
      <Field id={`${prefix}-fin`} label="Date de fin" name="endDate" type="date" required defaultValue={values.endDate} hint="Dernier jour de classe" error={errors.endDate} />
    </div>
  );
}

/** "Nouvelle année scolaire": creates it, then shows it. */
export function NewSchoolYearForm({ suggestion }: { suggestion: YearValues }) {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const [done, setDone] = useState<{ text: string; tone: "success" | "warning" } | null>(null);
  const mutation = useMutation(trpc.calendar.createSchoolYear.mutationOptions());
  const errors = fieldErrors(mutation.error);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const v = formValues(form);
        setDone(null);
        mutation.mutate(
          { label: v.label ?? "", startDate: v.startDate ?? "", endDate: v.endDate ?? "" },
          {
            onSuccess: (created) => {
              const holidays = created.prefilled
                ? ` ${plural(created.prefilled, "période de vacances ajoutée", "périodes de vacances ajoutées")} depuis le calendrier officiel.`
                : "";
              setDone(
                created.officialDataAvailable
                  ? { tone: "success", text: `Année ${created.schoolYear.label} créée.${holidays}` }
                  : {
                      tone: "warning",
                      text: `Année ${created.schoolYear.label} créée.${holidays} Le calendrier officiel fourni ne couvre pas toute cette année : importez le fichier du ministère ou saisissez les vacances ci-dessous.`,
                    },
              );
              form.reset();
              router.push(`${pathname}?annee=${created.schoolYear.id}`);
              router.refresh();
            },
          },
        );
      }}
    >
      {done ? <Alert tone={done.tone}>{done.text}</Alert> : null}
      {formError(mutation.error) ? <Alert tone="error">{formError(mutation.error)}</Alert> : null}
      <YearFields prefix="annee" values={suggestion} errors={errors} />
      <Button type="submit" disabled={mutation.isPending}>
        {mutation.isPending ? "Création…" : "Créer l'année scolaire"}
      </Button>
    </form>
  );
}

/** Label and dates of an existing year; the server refuses dates that would leave bookings outside it. */
export function EditSchoolYearForm({ year }: { year: YearValues & { id: string } }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [saved, setSaved] = useState<string | null>(null);
  const mutation = useMutation(trpc.calendar.updateSchoolYear.mutationOptions());
  const errors = fieldErrors(mutation.error);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const v = formValues(event.currentTarget);
        setSaved(null);
        mutation.mutate(
          { schoolYearId: year.id, label: v.label ?? "", startDate: v.startDate ?? "", endDate: v.endDate ?? "" },
          {
            onSuccess: (updated) => {
              setSaved(`Année ${updated.label} enregistrée.`);
              router.refresh();
            },
          },
        );
      }}
    >
      {saved ? <Alert tone="success">{saved}</Alert> : null}
      {formError(mutation.error) ? <Alert tone="error">{formError(mutation.error)}</Alert> : null}
      <YearFields key={`${year.id}-${year.startDate}-${year.endDate}-${year.label}`} prefix={`annee-${year.id}`} values={year} errors={errors} />
      <Button type="submit" disabled={mutation.isPending}>
        {mutation.isPending ? "Enregistrement…" : "Enregistrer l'année"}
      </Button>
    </form>
  );
}
