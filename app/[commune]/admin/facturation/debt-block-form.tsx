"use client";
import { FormAlerts } from "@/app/_components/form-alerts";
import { Button, Field } from "@/app/_components/ui";
import { useTRPC } from "@/app/_lib/trpc";
import { useFormMutation } from "@/app/_lib/use-form-mutation";
import { formatMoney } from "@/common/money";

/** Above this balance owed, parents can no longer book online (empty: never). */
export function DebtBlockForm({ current }: { current: number | null }) {
  const trpc = useTRPC();
  const save = useFormMutation(trpc.payments.setDebtBlock.mutationOptions(), {
    success: (saved) => (saved.debtBlockCents === null ? "Les réservations ne sont jamais bloquées." : `Seuil enregistré : ${formatMoney(saved.debtBlockCents)}.`),
  });
  const errors = save.errors;
  const value = current === null ? "" : formatMoney(current).replace(/\s*€$/, "").replace(/\u202f|\u00a0/g, "");
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save.submit(event.currentTarget, { debtBlock: String(new FormData(event.currentTarget).get("debtBlock") ?? "") });
      }}
    >
      <FormAlerts success={save.success} formError={save.formError} />
      <Field
        label="Bloquer les réservations au-delà d'un solde dû de (€)"
        hint="Laissez vide pour ne jamais bloquer. Les agents peuvent toujours réserver pour la famille."
        name="debtBlock"
        inputMode="decimal"
        defaultValue={value}
        error={errors.debtBlock}
      />
      <Button type="submit" disabled={save.pending}>
        Enregistrer
      </Button>
    </form>
  );
}
