"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { ConfirmButton } from "@/app/_components/confirm-dialog";
import { FormAlerts } from "@/app/_components/form-alerts";
import { Button, Field } from "@/app/_components/ui";
import { useTRPC } from "@/app/_lib/trpc";
import { useFormMutation } from "@/app/_lib/use-form-mutation";

/** "Effacer" on a pending request: asks first, then erases the family and refreshes the list. */
export function ProcessErasureButton({ requestId, reference }: { requestId: string; reference: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const process = useMutation({ ...trpc.rgpd.processErasure.mutationOptions(), onSuccess: () => router.refresh() });
  return (
    <ConfirmButton
      variant="danger"
      disabled={process.isPending}
      error={process.error?.message}
      confirm={{
        title: `Effacer le dossier ${reference} ?`,
        text: "Les responsables, enfants, données de santé, personnes autorisées, réservations non facturées, inscriptions, absences, quotients et fichiers déposés sont supprimés, et le compte de la famille perd l'accès. Les factures, avoirs et paiements restent, au nom de « Famille effacée ». C'est définitif.",
        confirmLabel: "Effacer définitivement",
        danger: true,
      }}
      onConfirm={() => process.mutate({ requestId })}
    >
      Effacer le dossier {reference}
    </ConfirmButton>
  );
}

interface Settings {
  familyRetentionYears: number;
  healthRetentionMonths: number;
  auditRetentionMonths: number;
}

/** The commune's retention periods, as the daily job applies them. */
export function RetentionSettingsForm({ current }: { current: Settings }) {
  const trpc = useTRPC();
  const save = useFormMutation(trpc.rgpd.setRetentionSettings.mutationOptions(), { success: () => "Durées de conservation enregistrées.", refresh: true });
  const errors = save.errors;
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const n = (name: string) => (String(form.get(name) ?? "").trim() === "" ? Number.NaN : Number(form.get(name)));
        save.submit(event.currentTarget, {
          familyRetentionYears: n("familyRetentionYears"),
          healthRetentionMonths: n("healthRetentionMonths"),
          auditRetentionMonths: n("auditRetentionMonths"),
        });
      }}
    >
      <FormAlerts success={save.success} formError={save.formError} />
      <div className="grid grid-cols-1 gap-x-4 sm:grid-cols-3">
        <Field label="Famille sans activité (années)" hint="Puis effacée, factures conservées. 1 à 10 ans." name="familyRetentionYears" type="number" inputMode="numeric" min={1} max={10} defaultValue={current.familyRetentionYears} error={errors.familyRetentionYears} />
        <Field label="Santé d'un enfant parti (mois)" hint="Sans réservation ni inscription. 1 à 60 mois." name="healthRetentionMonths" type="number" inputMode="numeric" min={1} max={60} defaultValue={current.healthRetentionMonths} error={errors.healthRetentionMonths} />
        <Field label="Journal des actions (mois)" hint="La CNIL recommande 6 mois à 1 an. 6 à 36 mois." name="auditRetentionMonths" type="number" inputMode="numeric" min={6} max={36} defaultValue={current.auditRetentionMonths} error={errors.auditRetentionMonths} />
      </div>
      <Button type="submit" disabled={save.pending}>
        Enregistrer
      </Button>
    </form>
  );
}
