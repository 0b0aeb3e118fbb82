"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert, Button, Field } from "@/app/_components/ui";
import { fieldErrors, formError, formValues } from "@/app/_lib/form-errors";
import { useTRPC } from "@/app/_lib/trpc";
import { formatMoney } from "@/server/lib/money";

const methods = [
  ["cash", "Espèces"],
  ["cheque", "Chèque"],
  ["cesu", "CESU"],
  ["ancv", "Chèques vacances"],
  ["transfer", "Virement"],
] as const;

/** "Enregistrer un règlement": allocated by the server to the oldest unpaid invoices; any excess stays as credit. */
export function CounterPaymentForm({ householdId }: { householdId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [done, setDone] = useState<string | null>(null);
  const record = useMutation({
    ...trpc.payments.recordCounterPayment.mutationOptions(),
    onSuccess: (r) => {
      const parts = r.allocations.map((a) => `facture ${a.number} : ${formatMoney(a.amountCents)}`);
      if (r.creditCents > 0) parts.push(`crédit sur le compte : ${formatMoney(r.creditCents)}`);
      setDone(`Règlement enregistré (${parts.join(" · ") || "aucune facture due"}).`);
      router.refresh();
    },
  });
  const errors = fieldErrors(record.error);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setDone(null);
        const v = formValues(event.currentTarget);
        record.mutate(
          { householdId, method: v.method as (typeof methods)[number][0], amount: v.amount ?? "", reference: v.reference ?? "" },
          { onSuccess: () => (event.target as HTMLFormElement).reset() },
        );
      }}
    >
      {done ? <Alert tone="success">{done}</Alert> : null}
      {formError(record.error) ? <Alert tone="error">{formError(record.error)}</Alert> : null}
      {errors.allocations ? <Alert tone="error">{errors.allocations}</Alert> : null}
      <div className="mb-4">
        <label htmlFor="champ-method" className="mb-1 block text-sm font-medium text-slate-800">
          Mode de règlement
        </label>
        <select id="champ-method" name="method" defaultValue="cheque" className="block min-h-11 w-full rounded-lg border border-slate-300 bg-white px-3 text-base">
          {methods.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <Field label="Montant (€)" name="amount" inputMode="decimal" placeholder="12,50" autoComplete="off" error={errors.amount} />
      <Field label="Référence (n° de chèque, de virement…)" name="reference" autoComplete="off" error={errors.reference} />
      <Button type="submit" disabled={record.isPending}>
        Enregistrer le règlement
      </Button>
    </form>
  );
}
