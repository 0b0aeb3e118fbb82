"use client";
import { FormAlerts } from "@/app/_components/form-alerts";
import { Button, Field } from "@/app/_components/ui";
import { useTRPC } from "@/app/_lib/trpc";
import { useFormMutation } from "@/app/_lib/use-form-mutation";
import { parseReminderDays } from "@/common/collection-input";
import { formatMoney, parseEuros } from "@/common/money";

interface Current {
  creditorId: string;
  creditorIban: string;
  creditorBic: string;
  debitDay: number;
  rejectFeeCents: number;
  reminderDays: number[];
}

/** Direct debit (the régie's creditor identifier and account, debit day, fee of a rejection) and the reminder schedule. */
export function CollectionSettingsForm({ current }: { current: Current }) {
  const trpc = useTRPC();
  const save = useFormMutation(trpc.collection.setSettings.mutationOptions(), {
    success: (s) =>
      `Enregistré. ${s.creditorId ? "Les familles peuvent signer un mandat de prélèvement." : "Prélèvement non proposé (ICS vide)."} ${
        s.reminderDays.length ? `Relances à ${s.reminderDays.join(", ")} jours après l'échéance.` : "Pas de relance automatique."
      }`,
  });
  const errors = save.errors;
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const text = (name: string) => String(form.get(name) ?? "");
        save.submit(event.currentTarget, {
          creditorId: text("creditorId"),
          creditorIban: text("creditorIban"),
          creditorBic: text("creditorBic"),
          debitDay: text("debitDay").trim() === "" ? Number.NaN : Number(text("debitDay")),
          rejectFeeCents: text("rejectFee").trim() === "" ? 0 : (parseEuros(text("rejectFee")) ?? Number.NaN),
          reminderDays: parseReminderDays(text("reminderDays")),
        });
      }}
    >
      <FormAlerts success={save.success} formError={save.formError} />
      <h3 className="mb-2 font-semibold text-slate-900">Prélèvement SEPA</h3>
      <Field label="Identifiant créancier SEPA (ICS)" name="creditorId" defaultValue={current.creditorId} hint="Par exemple FR12ZZZ123456. Vide : les familles ne peuvent pas signer de mandat." error={errors.creditorId} />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <Field label="IBAN du compte de la régie" name="creditorIban" defaultValue={current.creditorIban} error={errors.creditorIban} />
        <Field label="BIC du compte de la régie" name="creditorBic" defaultValue={current.creditorBic} error={errors.creditorBic} />
        <Field label="Jour de prélèvement" name="debitDay" type="number" inputMode="numeric" min={1} max={28} defaultValue={current.debitDay} hint="Du 1er au 28 du mois." error={errors.debitDay} />
        <Field
          label="Frais de rejet facturés (€)"
          name="rejectFee"
          inputMode="decimal"
          defaultValue={current.rejectFeeCents ? formatMoney(current.rejectFeeCents).replace(/\s*€$/, "").replace(/\u202f|\u00a0/g, "") : ""}
          hint="Frais bancaires refacturés à la famille pour un prélèvement rejeté. Vide : aucun."
          error={errors.rejectFeeCents}
        />
      </div>
      <h3 className="mb-2 mt-2 font-semibold text-slate-900">Relances des factures impayées</h3>
      <Field
        label="Relancer après l'échéance (jours)"
        name="reminderDays"
        defaultValue={current.reminderDays.join(", ")}
        hint="Par exemple « 10, 30 » : une relance 10 jours après l'échéance, la dernière à 30 jours, après quoi la facture est signalée au Trésor public. Vide : pas de relance."
        error={errors.reminderDays}
      />
      <Button type="submit" disabled={save.pending}>
        Enregistrer
      </Button>
    </form>
  );
}
