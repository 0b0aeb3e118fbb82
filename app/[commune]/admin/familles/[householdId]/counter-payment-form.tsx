"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert, Button, Field } from "@/app/_components/ui";
import { fieldErrors, formError, formValues } from "@/app/_lib/form-errors";
import { useTRPC } from "@/app/_lib/trpc";
import { formatMoney } from "@/common/money";

const methods = [
  ["cash", "Espèces"],
  ["cheque", "Chèque"],
  ["cesu", "CESU"],
  ["ancv", "Chèques vacances"],
  ["transfer", "Virement"],
] as const;

interface OpenInvoice {
  id: string;
  number: string;
  periodLabel: string;
  remainingCents: number;
}

/**
 * "Enregistrer un règlement": by default the server pays the oldest invoices first; the agent may
 * instead say how much goes to each open invoice (the server checks each amount again). Any excess
 * stays as credit on the family account.
 */
export function CounterPaymentForm({ householdId, openInvoices }: { householdId: string; openInvoices: OpenInvoice[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [done, setDone] = useState<string | null>(null);
  const [manual, setManual] = useState(false);
  // One key per opening of the form: a double click, or a request retried, records one payment.
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const record = useMutation({
    ...trpc.payments.recordCounterPayment.mutationOptions(),
    onSuccess: (r) => {
      const parts = r.allocations.map((a) => `facture ${a.number} : ${formatMoney(a.amountCents)}`);
      if (r.creditCents > 0) parts.push(`crédit sur le compte : ${formatMoney(r.creditCents)}`);
      setDone(`Règlement enregistré (${parts.join(" · ") || "aucune facture due"}).`);
      setManual(false);
      setIdempotencyKey(crypto.randomUUID());
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
        const allocations = manual
          ? openInvoices.map((i) => ({ invoiceId: i.id, amount: (v[`allocation-${i.id}`] ?? "").trim() })).filter((a) => a.amount !== "")
          : undefined;
        record.mutate(
          { householdId, method: v.method as (typeof methods)[number][0], amount: v.amount ?? "", reference: v.reference ?? "", allocations, idempotencyKey },
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
        <select id="champ-method" name="method" defaultValue="cheque" className="block min-h-11 w-full rounded-lg border border-slate-500 bg-white px-3 text-base">
          {methods.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <Field label="Montant (€)" name="amount" inputMode="decimal" placeholder="12,50" autoComplete="off" error={errors.amount} />
      <Field label="Référence (n° de chèque, de virement…)" name="reference" autoComplete="off" error={errors.reference} />
      {openInvoices.length > 1 ? (
        <fieldset className="mb-4 rounded-lg border border-slate-200 p-4">
          <legend className="px-1 text-sm font-medium text-slate-800">Répartition entre les factures</legend>
          <label className="flex min-h-11 items-center gap-2 text-sm">
            <input type="radio" name="split" className="size-4" checked={!manual} onChange={() => setManual(false)} />
            De la plus ancienne à la plus récente (automatique)
          </label>
          <label className="flex min-h-11 items-center gap-2 text-sm">
            <input type="radio" name="split" className="size-4" checked={manual} onChange={() => setManual(true)} />
            Je répartis moi-même
          </label>
          {manual ? (
            <div className="mt-3 grid gap-x-4 sm:grid-cols-2">
              <p className="text-xs text-slate-600 sm:col-span-2">
                Laissez vide une facture qui ne reçoit rien. Ce qui n&apos;est pas réparti reste au crédit du compte famille.
              </p>
              {openInvoices.map((i) => (
                <Field
                  key={i.id}
                  className="mt-3"
                  label={`Facture ${i.number} — ${i.periodLabel} (€)`}
                  hint={`Reste dû : ${formatMoney(i.remainingCents)}`}
                  name={`allocation-${i.id}`}
                  inputMode="decimal"
                  autoComplete="off"
                />
              ))}
            </div>
          ) : null}
        </fieldset>
      ) : null}
      <Button type="submit" disabled={record.isPending}>
        Enregistrer le règlement
      </Button>
    </form>
  );
}
