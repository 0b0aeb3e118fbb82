"use client";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { FormAlerts } from "@/app/_components/form-alerts";
import { Alert, Button, Field } from "@/app/_components/ui";
import { formError } from "@/app/_lib/form-errors";
import { useTRPC } from "@/app/_lib/trpc";
import { useFormMutation } from "@/app/_lib/use-form-mutation";

interface Current {
  provider: string;
  available: { name: string; label: string; connect: boolean }[];
  settings: Record<string, Record<string, unknown>>;
  effective: string | null;
}

const modes = [
  ["T", "T — test (aucun argent encaissé)"],
  ["X", "X — activation (premiers paiements réels)"],
  ["W", "W — production"],
] as const;

/**
 * Who takes the commune's online payments. Families always see one « Payer » button; this says
 * where it leads: the demo page, Stripe Checkout on the commune's own Stripe account, or PayFiP.
 */
export function PaymentSettingsForm({ current }: { current: Current }) {
  const trpc = useTRPC();
  const [provider, setProvider] = useState(current.provider);
  const save = useFormMutation(trpc.commune.setPaymentSettings.mutationOptions(), { success: "Réglages du paiement en ligne enregistrés." });
  const onboarding = useMutation({ ...trpc.commune.startPaymentOnboarding.mutationOptions(), onSuccess: (r) => window.location.assign(r.url) });
  const payfip = current.settings.payfip ?? {};
  const stripeAccount = typeof current.settings.stripe?.accountId === "string" ? current.settings.stripe.accountId : null;
  const options = [{ name: "default", label: "Réglage de la plateforme (démonstration hors production)", connect: false }, ...current.available];
  return (
    <div>
      <p className="mb-4 text-sm text-slate-700">
        {current.effective
          ? `Les familles paient en ligne avec : ${options.find((o) => o.name === current.effective)?.label ?? current.effective}.`
          : "Aucun paiement en ligne n'est ouvert : les familles sont invitées à régler au guichet."}
      </p>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          const settings = provider === "payfip" ? { numcli: String(data.get("numcli") ?? ""), mode: String(data.get("mode") ?? "T") } : undefined;
          save.submit(event.currentTarget, { provider, settings });
        }}
      >
        <FormAlerts success={save.success} formError={save.formError} />
        <fieldset className="mb-4">
          <legend className="mb-1 text-sm font-medium text-slate-800">Prestataire de paiement</legend>
          {options.map((o) => (
            <label key={o.name} className="flex min-h-11 items-center gap-2 text-sm">
              <input type="radio" name="provider" value={o.name} className="size-4" checked={provider === o.name} onChange={() => setProvider(o.name)} />
              {o.label}
            </label>
          ))}
        </fieldset>
        {provider === "payfip" ? (
          <div className="mb-4 grid gap-x-4 sm:grid-cols-2">
            <Field label="Numéro client PayFiP (numcli)" hint="6 chiffres, donnés par la DGFiP" name="numcli" inputMode="numeric" maxLength={6} defaultValue={String(payfip.numcli ?? "")} error={save.errors.numcli} />
            <div className="mb-4">
              <label htmlFor="champ-mode" className="mb-1 block text-sm font-medium text-slate-800">
                Mode
              </label>
              <select id="champ-mode" name="mode" defaultValue={String(payfip.mode ?? "T")} className="block min-h-11 w-full rounded-lg border border-slate-500 bg-white px-3 text-base">
                {modes.map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
              {save.errors.mode ? <p className="mt-1 text-sm text-red-700">{save.errors.mode}</p> : null}
            </div>
          </div>
        ) : null}
        <Button type="submit" disabled={save.pending}>
          Enregistrer
        </Button>
      </form>
      {current.provider === "stripe" ? (
        <div className="mt-6 border-t border-slate-200 pt-4">
          <p className="mb-2 text-sm text-slate-700">
            {stripeAccount
              ? `Compte Stripe de la commune : ${stripeAccount}. Les paiements arrivent directement sur ce compte.`
              : "La commune n'a pas encore de compte Stripe : ouvrez-le pour que les familles puissent payer par carte."}
          </p>
          {onboarding.error ? <Alert tone="error">{formError(onboarding.error)}</Alert> : null}
          <Button type="button" variant="secondary" disabled={onboarding.isPending} onClick={() => onboarding.mutate()}>
            {stripeAccount ? "Compléter le compte Stripe" : "Ouvrir le compte Stripe de la commune"}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
