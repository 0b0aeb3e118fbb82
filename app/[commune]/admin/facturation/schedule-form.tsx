"use client";
import { useState } from "react";
import { FormAlerts } from "@/app/_components/form-alerts";
import { Button, Field } from "@/app/_components/ui";
import { useTRPC } from "@/app/_lib/trpc";
import { useFormMutation } from "@/app/_lib/use-form-mutation";

interface Schedule {
  scheduledRuns: boolean;
  advanceRunDay: number;
  arrearsRunDay: number;
}

/** Automatic runs: on the chosen days the server issues the month's invoices by itself (no preview). */
export function ScheduleForm({ current, timings }: { current: Schedule; timings: { advance: boolean; arrears: boolean } }) {
  const trpc = useTRPC();
  const [on, setOn] = useState(current.scheduledRuns);
  const save = useFormMutation(trpc.invoices.setSchedule.mutationOptions(), {
    success: (saved) =>
      saved.scheduledRuns
        ? `Émission automatique activée : le ${saved.advanceRunDay} pour le mois suivant, le ${saved.arrearsRunDay} pour le mois écoulé.`
        : "Émission automatique désactivée : les factures partent quand vous les émettez.",
  });
  const errors = save.errors;
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const day = (name: string) => (String(form.get(name) ?? "").trim() === "" ? Number.NaN : Number(form.get(name)));
        save.submit(event.currentTarget, { scheduledRuns: on, advanceRunDay: day("advanceRunDay"), arrearsRunDay: day("arrearsRunDay") });
      }}
    >
      <FormAlerts success={save.success} formError={save.formError} />
      <label className="mb-4 flex min-h-11 items-center gap-2 text-sm font-medium text-slate-800">
        <input type="checkbox" className="size-4" checked={on} onChange={(e) => setOn(e.target.checked)} />
        Émettre les factures automatiquement chaque mois
      </label>
      <div className="grid grid-cols-1 gap-x-4 sm:grid-cols-2">
        <Field
          label="Jour d'émission à l'avance"
          hint={timings.advance ? "Factures du mois suivant, d'après les réservations (périscolaire)." : "Aucune activité n'est facturée à l'avance."}
          name="advanceRunDay"
          type="number"
          inputMode="numeric"
          min={1}
          max={28}
          defaultValue={current.advanceRunDay}
          error={errors.advanceRunDay}
        />
        <Field
          label="Jour d'émission à terme échu"
          hint={timings.arrears ? "Factures du mois écoulé, d'après les présences (petite enfance)." : "Aucune activité n'est facturée à terme échu."}
          name="arrearsRunDay"
          type="number"
          inputMode="numeric"
          min={1}
          max={28}
          defaultValue={current.arrearsRunDay}
          error={errors.arrearsRunDay}
        />
      </div>
      <p className="mb-4 text-xs text-slate-600">
        Le serveur vérifie chaque heure. Un mois déjà émis (par vous ou automatiquement) n&apos;est jamais refacturé ; si le jour est passé et que le
        mois n&apos;a pas été émis, il l&apos;est à la vérification suivante. Les familles qui ont choisi l&apos;e-mail sont prévenues.
      </p>
      <Button type="submit" disabled={save.pending}>
        Enregistrer
      </Button>
    </form>
  );
}
