"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Alert, Button, Field } from "@/app/_components/ui";
import { fieldErrors, formError } from "@/app/_lib/form-errors";
import { useTRPC } from "@/app/_lib/trpc";
import { formatMoney } from "@/common/money";

/** Above this balance owed, parents can no longer book online (empty: never). */
export function DebtBlockForm({ current }: { current: number | null }) {
  const trpc = useTRPC();
  const router = useRouter();
  const save = useMutation({ ...trpc.payments.setDebtBlock.mutationOptions(), onSuccess: () => router.refresh() });
  const errors = fieldErrors(save.error);
  const value = current === null ? "" : formatMoney(current).replace(/\s*€$/, "").replace(/\u202f|\u00a0/g, "");
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate({ debtBlock: String(new FormData(event.currentTarget).get("debtBlock") ?? "") });
      }}
    >
      {save.isSuccess ? (
        <Alert tone="success">{save.data.debtBlockCents === null ? "Les réservations ne sont jamais bloquées." : `Seuil enregistré : ${formatMoney(save.data.debtBlockCents)}.`}</Alert>
      ) : null}
      {formError(save.error) ? <Alert tone="error">{formError(save.error)}</Alert> : null}
      <Field
        label="Bloquer les réservations au-delà d'un solde dû de (€)"
        hint="Laissez vide pour ne jamais bloquer. Les agents peuvent toujours réserver pour la famille."
        name="debtBlock"
        inputMode="decimal"
        defaultValue={value}
        error={errors.debtBlock}
      />
      <Button type="submit" disabled={save.isPending}>
        Enregistrer
      </Button>
    </form>
  );
}
