"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { ConfirmButton } from "@/app/_components/confirm-dialog";
import { FormAlerts } from "@/app/_components/form-alerts";
import { Button, Field } from "@/app/_components/ui";
import { useTRPC } from "@/app/_lib/trpc";
import { useFormMutation } from "@/app/_lib/use-form-mutation";

/** The mandate's wording, then the account; the server checks the IBAN and BIC keys and generates the RUM. */
export function MandateForm({ mandateBody, creditorId }: { mandateBody: string; creditorId: string }) {
  const trpc = useTRPC();
  const sign = useFormMutation(trpc.collection.signMandate.mutationOptions(), { success: (m) => `Mandat signé : référence ${m.rum}.` });
  const errors = sign.errors;
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const text = (name: string) => String(form.get(name) ?? "");
        sign.submit(event.currentTarget, { holderName: text("holderName"), iban: text("iban"), bic: text("bic"), accepted: (form.get("accepted") === "on") as true });
      }}
    >
      <FormAlerts success={sign.success} formError={sign.formError} />
      <div className="mb-4 rounded-lg border border-slate-200 bg-slate-50 p-4 text-sm text-slate-800">
        <p className="mb-2 font-semibold">Mandat de prélèvement SEPA — paiement récurrent</p>
        <p className="whitespace-pre-line">{mandateBody}</p>
        <p className="mt-2 text-slate-600">Identifiant créancier SEPA : {creditorId}</p>
      </div>
      <Field label="Titulaire du compte" name="holderName" autoComplete="name" maxLength={70} error={errors.holderName} />
      <Field label="IBAN" name="iban" autoComplete="off" inputMode="text" maxLength={50} hint="Il figure sur votre RIB, par exemple FR76 3000 6000 0112 3456 7890 189." error={errors.iban} />
      <Field label="BIC" name="bic" autoComplete="off" maxLength={20} hint="8 ou 11 caractères, sur votre RIB." error={errors.bic} />
      <label className="mb-1 flex min-h-11 items-start gap-2 text-sm text-slate-800">
        <input type="checkbox" name="accepted" className="mt-1 size-4" aria-describedby={errors.accepted ? "accepte-erreur" : undefined} />
        J&apos;autorise la commune à prélever mon compte selon les termes de ce mandat.
      </label>
      {errors.accepted ? (
        <p id="accepte-erreur" className="mb-3 text-sm text-red-700">
          {errors.accepted}
        </p>
      ) : null}
      <Button type="submit" disabled={sign.pending} className="mt-2">
        Signer le mandat
      </Button>
    </form>
  );
}

export function RevokeMandateButton() {
  const trpc = useTRPC();
  const router = useRouter();
  const revoke = useMutation(trpc.collection.revokeMandate.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <ConfirmButton
      variant="secondary"
      disabled={revoke.isPending}
      error={revoke.error?.message}
      confirm={{
        title: "Révoquer le mandat ?",
        text: "Vos prochaines factures ne seront plus prélevées : vous les réglerez en ligne ou au guichet. Un prélèvement déjà transmis à la banque a tout de même lieu.",
        confirmLabel: "Révoquer",
        danger: true,
      }}
      onConfirm={() => revoke.mutate()}
    >
      Révoquer le mandat
    </ConfirmButton>
  );
}
