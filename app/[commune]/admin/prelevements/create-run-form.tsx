"use client";
import { useRouter } from "next/navigation";
import { FormAlerts } from "@/app/_components/form-alerts";
import { Button, Field } from "@/app/_components/ui";
import { useTRPC } from "@/app/_lib/trpc";
import { useFormMutation } from "@/app/_lib/use-form-mutation";
import { formatMoney } from "@/common/money";

export function CreateDebitRunForm({ commune, suggestedDate, earliestDate }: { commune: string; suggestedDate: string; earliestDate: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const create = useFormMutation(trpc.collection.createDebitRun.mutationOptions(), {
    success: (r) => `Campagne créée : ${r.invoiceCount} facture(s), ${formatMoney(r.totalCents)}. Les familles sont prévenues par e-mail.`,
    onSuccess: (r) => router.push(`/${commune}/admin/prelevements/${r.runId}`),
  });
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        create.submit(event.currentTarget, { collectionDate: String(new FormData(event.currentTarget).get("collectionDate") ?? "") });
      }}
    >
      <FormAlerts success={create.success} formError={create.formError} />
      <Field
        label="Date de prélèvement"
        name="collectionDate"
        type="date"
        min={earliestDate}
        defaultValue={suggestedDate}
        hint="Un jour ouvré, au moins 14 jours après aujourd'hui (délai de pré-notification des familles)."
        error={create.errors.collectionDate}
      />
      <Button type="submit" disabled={create.pending}>
        Créer la campagne et prévenir les familles
      </Button>
    </form>
  );
}
