"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { ConfirmButton } from "@/app/_components/confirm-dialog";
import { FormAlerts } from "@/app/_components/form-alerts";
import { Button, Field } from "@/app/_components/ui";
import { formValues } from "@/app/_lib/form-errors";
import { useTRPC } from "@/app/_lib/trpc";
import { useFormMutation } from "@/app/_lib/use-form-mutation";
import { formatDate } from "@/common/dates";

export interface OpeningRow {
  id: string;
  fromDate: string;
  toDate: string;
  opensDate: string;
  opensTime: string;
}

/** The periods whose booking opens later, each with the local date and time it opens. */
export function OpeningsTable({ openings, canEdit, timeZone }: { openings: OpeningRow[]; canEdit: boolean; timeZone: string }) {
  if (!openings.length) {
    return (
      <p className="mb-4 text-sm text-slate-600">Aucune période à ouverture différée : les réservations sont ouvertes dès l&apos;inscription.</p>
    );
  }
  return (
    <div className="relative mb-4 overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Ouverture des réservations par période (heure de {timeZone})</caption>
        <thead className="border-b border-slate-200 text-slate-600">
          <tr>
            <th scope="col" className="py-2 pr-4 font-medium">
              Jours concernés
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              Réservations ouvertes à partir du
            </th>
            {canEdit ? (
              <th scope="col" className="py-2 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {openings.map((o) => (
            <tr key={o.id}>
              <th scope="row" className="py-3 pr-4 font-normal">
                du {formatDate(o.fromDate)} au {formatDate(o.toDate)}
              </th>
              <td className="py-3 pr-4">
                {formatDate(o.opensDate)} à {o.opensTime.replace(":", "h")}
              </td>
              {canEdit ? (
                <td className="py-3 text-right">
                  <DeleteOpening opening={o} />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DeleteOpening({ opening }: { opening: OpeningRow }) {
  const trpc = useTRPC();
  const router = useRouter();
  const mutation = useMutation(trpc.activities.deleteOpening.mutationOptions());
  const what = `du ${formatDate(opening.fromDate)} au ${formatDate(opening.toDate)}`;
  return (
    <ConfirmButton
      variant="secondary"
      className="min-h-9 px-3 py-1"
      disabled={mutation.isPending}
      confirm={{ title: `Supprimer l'ouverture ${what} ?`, text: "Les réservations de ces jours suivront de nouveau la règle habituelle.", confirmLabel: "Supprimer l'ouverture", danger: true }}
      onConfirm={() => mutation.mutate({ openingId: opening.id }, { onSuccess: () => router.refresh() })}
      error={mutation.error?.message}
    >
      Supprimer<span className="sr-only"> l&apos;ouverture {what}</span>
    </ConfirmButton>
  );
}

/** "Les réservations du … au … ouvrent le … à …", on the commune's wall clock. */
export function AddOpeningForm({ activityId, timeZone }: { activityId: string; timeZone: string }) {
  const trpc = useTRPC();
  const mutation = useFormMutation(trpc.activities.addOpening.mutationOptions(), {
    success: "Ouverture enregistrée : les familles verront la date d'ouverture sur leur planning.",
    resetForm: true,
  });
  const errors = mutation.errors;
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const v = formValues(form);
        mutation.submit(form, { activityId, fromDate: v.fromDate ?? "", toDate: v.toDate ?? "", opensDate: v.opensDate ?? "", opensTime: v.opensTime ?? "" });
      }}
    >
      <FormAlerts success={mutation.success} formError={mutation.formError} />
      <div className="grid grid-cols-1 gap-x-4 sm:grid-cols-2">
        <Field id="ouverture-du" label="Premier jour concerné" name="fromDate" type="date" required error={errors.fromDate} />
        <Field id="ouverture-au" label="Dernier jour concerné" name="toDate" type="date" required error={errors.toDate} />
        <Field id="ouverture-date" label="Date d'ouverture des réservations" name="opensDate" type="date" required error={errors.opensDate} />
        <Field
          id="ouverture-heure"
          label="Heure d'ouverture"
          name="opensTime"
          type="time"
          required
          defaultValue="08:00"
          hint={`Heure de la commune (${timeZone}).`}
          error={errors.opensTime}
        />
      </div>
      <Button type="submit" disabled={mutation.pending}>
        Ajouter l&apos;ouverture
      </Button>
    </form>
  );
}
