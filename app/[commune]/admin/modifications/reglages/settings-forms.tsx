"use client";
import { useState } from "react";
import { Button, CheckboxGroup } from "@/app/_components/ui";
import { ConfirmButton } from "@/app/_components/confirm-dialog";
import { FormAlerts } from "@/app/_components/form-alerts";
import { useTRPC } from "@/app/_lib/trpc";
import { useFormMutation } from "@/app/_lib/use-form-mutation";
import { dietCatalogue, reviewableSections, type FileSection, type OfferedDiet } from "@/common/family-file";
import { messages } from "@/common/messages";

const m = messages.familyFile;

/** Which family changes wait for the front desk, and which neutral diets the canteen offers. */
export function FileSettingsForm({ initial }: { initial: { offeredDiets: string[]; reviewedSections: string[] } }) {
  const trpc = useTRPC();
  const save = useFormMutation(trpc.familyFiles.setSettings.mutationOptions(), { success: "Réglages enregistrés." });
  const [diets, setDiets] = useState(initial.offeredDiets as OfferedDiet[]);
  const [sections, setSections] = useState(initial.reviewedSections.filter((s) => reviewableSections.includes(s as FileSection)) as FileSection[]);
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.submit(e.currentTarget, { offeredDiets: diets, reviewedSections: sections });
      }}
    >
      <FormAlerts success={save.success} formError={save.formError} />
      <CheckboxGroup
        id="sections-validees"
        legend="Modifications des familles à valider par un agent"
        hint="Les autres s'appliquent tout de suite (elles restent dans l'historique). L'ajout d'un enfant est toujours validé."
        options={reviewableSections.map((s) => [s, m.sections[s]] as const)}
        value={sections}
        onChange={setSections}
        error={save.errors.reviewedSections}
      />
      <CheckboxGroup
        id="regimes"
        legend="Régimes proposés à la cantine"
        hint="Des régimes décrits par ce qu'ils excluent, jamais par une religion."
        options={dietCatalogue.map((d) => [d, m.diets[d]] as const)}
        value={diets}
        onChange={setDiets}
        error={save.errors.offeredDiets}
      />
      <Button type="submit" disabled={save.pending}>
        Enregistrer
      </Button>
    </form>
  );
}

/** « Demander la vérification des dossiers »: one e-mail to every family, through the outbox. */
export function StartReviewButton({ comingYear }: { comingYear: string }) {
  const trpc = useTRPC();
  const start = useFormMutation(trpc.familyFiles.startReview.mutationOptions(), { success: (r) => `Demande envoyée : ${r.emails} e-mail(s) en cours d'envoi.` });
  return (
    <div>
      <FormAlerts success={start.success} formError={start.formError} />
      <ConfirmButton
        confirm={{ title: `Demander la vérification pour ${comingYear} ?`, text: "Chaque famille reçoit un e-mail lui demandant de vérifier son dossier, avec les documents qui expirent avant la rentrée.", confirmLabel: "Envoyer" }}
        onConfirm={() => start.submit(null, undefined)}
        disabled={start.pending}
      >
        Demander aux familles de vérifier leur dossier pour {comingYear}
      </ConfirmButton>
    </div>
  );
}
