"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert, Button } from "@/app/_components/ui";
import { fieldErrors, formError } from "@/app/_lib/form-errors";
import { useTRPC } from "@/app/_lib/trpc";
import { defaultRunsOn, defaultUnit } from "@/common/activity-labels";
import { draftOf, inputOf, type ActivityDetail, type BillingMode, type Draft } from "./activity-draft";
import { AudienceSection, BillingSection, DeadlinesSection, GeneralSection } from "./activity-form-sections";

export type { ActivityDetail } from "./activity-draft";

/**
 * Creates an activity (no `activity`) or edits every setting of one. The server checks it all
 * again; its French messages land next to the field they name.
 */
export function ActivityForm({
  commune,
  activity,
  sites,
  years,
  defaultYearId,
  communeBillingMode,
}: {
  commune: string;
  communeBillingMode: BillingMode;
  activity?: ActivityDetail;
  sites: { id: string; name: string; archived: boolean }[];
  years: { id: string; label: string }[];
  defaultYearId?: string;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const prefix = activity ? "activite" : "nouvelle";
  const openSites = sites.filter((s) => !s.archived || s.id === activity?.siteId);
  const [draft, setDraft] = useState<Draft>(() =>
    draftOf(activity, { siteId: openSites[0]?.id ?? "", schoolYearId: defaultYearId ?? years[0]?.id ?? "" }),
  );
  /** false, or how many waiting children the save gave a place to. */
  const [saved, setSaved] = useState<false | number>(false);
  const create = useMutation(trpc.activities.create.mutationOptions());
  const update = useMutation(trpc.activities.update.mutationOptions());
  const mutation = activity ? update : create;
  const errors = fieldErrors(mutation.error);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setSaved(false);
    setDraft((d) => ({ ...d, [key]: value }));
  };
  const section = { prefix, draft, set, errors };

  if (!openSites.length || !years.length) {
    return (
      <Alert tone="warning">
        {!openSites.length ? "Créez d'abord un site (menu « Sites »). " : ""}
        {!years.length ? "Créez d'abord une année scolaire (menu « Calendrier »)." : ""}
      </Alert>
    );
  }

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setSaved(false);
        const input = inputOf(draft);
        if (activity) {
          update.mutate(
            { ...input, activityId: activity.id },
            {
              onSuccess: (updated) => {
                setSaved(updated.promoted);
                router.refresh();
              },
            },
          );
        } else {
          create.mutate(input, { onSuccess: (created) => router.push(`/${commune}/admin/activites/${created.id}`) });
        }
      }}
    >
      <GeneralSection
        {...section}
        sites={openSites}
        years={years}
        yearLocked={Boolean(activity?.enrolled)}
        onServiceChange={(service) => {
          setSaved(false);
          setDraft((d) => (activity ? { ...d, service } : { ...d, service, unit: defaultUnit[service], runsOn: defaultRunsOn[service] }));
        }}
      />
      <BillingSection {...section} communeBillingMode={communeBillingMode} />
      <DeadlinesSection {...section} />
      <AudienceSection {...section} />

      {/* Next to the button just pressed: at the top of this long form it was out of sight. */}
      {saved !== false ? (
        <Alert tone="success">
          Activité enregistrée : le planning des familles suit ces réglages dès maintenant.
          {saved > 0
            ? ` ${saved} place${saved > 1 ? "s" : ""} libérée${saved > 1 ? "s ont été données" : " a été donnée"} à la liste d'attente ; les familles sont prévenues par e-mail.`
            : ""}
        </Alert>
      ) : null}
      {formError(mutation.error) ? <Alert tone="error">{formError(mutation.error)}</Alert> : null}
      {Object.keys(errors).length ? <Alert tone="error">Certains champs sont à corriger : {Object.values(errors).join(" · ")}</Alert> : null}

      <Button type="submit" disabled={mutation.isPending}>
        {mutation.isPending ? "Enregistrement…" : activity ? "Enregistrer les modifications" : "Créer l'activité"}
      </Button>
    </form>
  );
}
