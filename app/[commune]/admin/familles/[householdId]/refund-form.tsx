"use client";
import { useState } from "react";
import { FormAlerts } from "@/app/_components/form-alerts";
import { Button, Field } from "@/app/_components/ui";
import { useTRPC } from "@/app/_lib/trpc";
import { useFormMutation } from "@/app/_lib/use-form-mutation";
import { formatInstant } from "@/common/dates";
import { formatMoney } from "@/common/money";

interface Refundable {
  paymentId: string;
  methodLabel: string;
  amountCents: number;
  refundableCents: number;
  settledAt: Date | null;
}

const treasuryMethods = [
  ["transfer", "Virement de la trésorerie"],
  ["cheque", "Chèque"],
  ["cash", "Espèces"],
] as const;

/**
 * « Rembourser » the family's credit: through the provider of one of its online payments (the card is
 * refunded on the commune's account), or record a refund the treasury made. A paid basket day is
 * first cancelled (which credits the account), then its credit refunded here.
 */
export function RefundForm({ householdId, creditCents, payments, timeZone }: { householdId: string; creditCents: number; payments: Refundable[]; timeZone: string }) {
  const trpc = useTRPC();
  const [through, setThrough] = useState(payments[0]?.paymentId ?? "treasury");
  const online = useFormMutation(trpc.payments.refundThroughProvider.mutationOptions(), { success: "Remboursement effectué auprès du prestataire.", resetForm: true });
  const treasury = useFormMutation(trpc.payments.recordTreasuryRefund.mutationOptions(), { success: "Remboursement enregistré.", resetForm: true });
  const current = through === "treasury" ? treasury : online;
  if (creditCents <= 0) return <p className="text-sm text-slate-700">Le compte famille n&apos;a pas de crédit à rembourser.</p>;
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        const amount = String(data.get("refundAmount") ?? "");
        if (through === "treasury") {
          const method = String(data.get("refundMethod") ?? "transfer") as (typeof treasuryMethods)[number][0];
          treasury.submit(event.currentTarget, { householdId, amount, method, reference: String(data.get("refundReference") ?? "") });
        } else online.submit(event.currentTarget, { householdId, paymentId: through, amount });
      }}
    >
      <FormAlerts success={current.success} formError={current.formError} />
      <p className="mb-3 text-sm text-slate-700">Crédit du compte famille : {formatMoney(creditCents)}.</p>
      <fieldset className="mb-4">
        <legend className="mb-1 text-sm font-medium text-slate-800">Rembourser</legend>
        {payments.map((p) => (
          <label key={p.paymentId} className="flex min-h-11 items-start gap-2 py-1.5 text-sm">
            <input type="radio" name="through" className="mt-0.5 size-4 shrink-0" checked={through === p.paymentId} onChange={() => setThrough(p.paymentId)} />
            <span>
              Sur le paiement en ligne de {formatMoney(p.amountCents)} ({p.methodLabel}) — encore {formatMoney(p.refundableCents)} remboursables
              {/* Two payments of one amount by one method are told apart by when they were made. */}
              {p.settledAt ? <span className="block text-slate-600">payé le {formatInstant(p.settledAt, timeZone)}</span> : null}
            </span>
          </label>
        ))}
        <label className="flex min-h-11 items-start gap-2 py-1.5 text-sm">
          <input type="radio" name="through" className="mt-0.5 size-4 shrink-0" checked={through === "treasury"} onChange={() => setThrough("treasury")} />
          <span>Remboursement fait par la trésorerie (à enregistrer)</span>
        </label>
      </fieldset>
      <Field label="Montant à rembourser (€)" name="refundAmount" inputMode="decimal" autoComplete="off" error={current.errors.amount} />
      {through === "treasury" ? (
        <>
          <div className="mb-4">
            <label htmlFor="champ-refundMethod" className="mb-1 block text-sm font-medium text-slate-800">
              Mode
            </label>
            <select id="champ-refundMethod" name="refundMethod" className="block min-h-11 w-full rounded-lg border border-slate-500 bg-white px-3 text-base">
              {treasuryMethods.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <Field label="Référence (mandat, n° de chèque…)" name="refundReference" autoComplete="off" error={current.errors.reference} />
        </>
      ) : null}
      <Button type="submit" disabled={current.pending}>
        Rembourser
      </Button>
    </form>
  );
}
