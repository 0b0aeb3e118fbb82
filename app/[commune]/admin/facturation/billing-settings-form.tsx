"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert, Button, Field, SelectField } from "@/app/_components/ui";
import { fieldErrors, formError } from "@/app/_lib/form-errors";
import { useTRPC } from "@/app/_lib/trpc";

type Mode = "prepaid" | "invoice";
const modeLabels: Record<Mode, string> = { prepaid: "Paiement immédiat (panier)", invoice: "Facture en fin de mois" };

/** The commune's default billing mode, the basket's hold delay and how fiscal parts are counted. */
export function BillingSettingsForm({ current }: { current: { billingMode: Mode; basketHoldMinutes: number; qfPartsRule: "fiscal" | "caf" } }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [mode, setMode] = useState<Mode>(current.billingMode);
  const save = useMutation({ ...trpc.commune.setBillingSettings.mutationOptions(), onSuccess: () => router.refresh() });
  const errors = fieldErrors(save.error);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const minutes = String(form.get("basketHoldMinutes") ?? "").trim();
        save.mutate({
          billingMode: mode,
          basketHoldMinutes: minutes === "" ? Number.NaN : Number(minutes),
          qfPartsRule: form.get("qfPartsRule") === "caf" ? "caf" : "fiscal",
        });
      }}
    >
      {save.isSuccess ? (
        <Alert tone="success">
          Réglages enregistrés.
          {save.data.pinnedActivities
            ? ` ${save.data.pinnedActivities} activité${save.data.pinnedActivities > 1 ? "s gardent" : " garde"} leur mode précédent (${modeLabels[
                save.data.billingMode === "prepaid" ? "invoice" : "prepaid"
              ].toLowerCase()}) : modifiez-le depuis « Activités » si besoin.`
            : ""}
        </Alert>
      ) : null}
      {formError(save.error) ? <Alert tone="error">{formError(save.error)}</Alert> : null}
      <SelectField
        id="champ-billingMode"
        label="Mode de facturation par défaut"
        options={Object.entries(modeLabels) as [Mode, string][]}
        value={mode}
        onChange={(e) => setMode(e.target.value as Mode)}
        error={errors.billingMode}
        hint="S'applique aux activités créées ensuite. Les activités existantes gardent leur mode actuel (il est inscrit sur chacune) : aucune réservation déjà faite, aucun panier ni aucune facture ne change. Pour changer le mode d'une activité existante, passez par « Activités »."
      />
      {mode !== current.billingMode ? (
        <Alert tone="warning">
          Vous passez de « {modeLabels[current.billingMode]} » à « {modeLabels[mode]} ». Les activités existantes resteront en « {modeLabels[current.billingMode]} ».
        </Alert>
      ) : null}
      <Field
        label="Durée de réservation du panier (minutes)"
        name="basketHoldMinutes"
        type="number"
        inputMode="numeric"
        min={5}
        max={1440}
        defaultValue={current.basketHoldMinutes}
        error={errors.basketHoldMinutes}
        hint="Paiement immédiat : le temps pendant lequel les places d'un panier non payé restent réservées (5 à 1 440). Les paniers en cours gardent leur échéance."
      />
      <SelectField
        id="champ-qfPartsRule"
        name="qfPartsRule"
        label="Calcul du quotient familial à partir de l'avis d'imposition"
        options={[
          ["fiscal", "Parts de l'avis d'imposition"],
          ["caf", "Parts comptées comme la CAF"],
        ]}
        defaultValue={current.qfPartsRule}
        error={errors.qfPartsRule}
        hint="« Comme la CAF » : l'agent saisit les adultes et les enfants du foyer. Pour les quotients enregistrés ensuite ; ceux déjà enregistrés ne changent pas."
      />
      <Button type="submit" disabled={save.isPending}>
        Enregistrer les réglages
      </Button>
    </form>
  );
}
