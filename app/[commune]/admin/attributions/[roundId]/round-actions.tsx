"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useConfirm } from "@/app/_components/confirm-dialog";
import { FormAlerts } from "@/app/_components/form-alerts";
import { Alert, Button, Field } from "@/app/_components/ui";
import { useFormMutation } from "@/app/_lib/use-form-mutation";
import { useTRPC } from "@/app/_lib/trpc";
import type { RoundStatus } from "@/common/allocation";

/** The round's next step (open, close and draw the seed, run, publish) and the re-run check. */
export function RoundActions({ commune, roundId, status, mode }: { commune: string; roundId: string; status: RoundStatus; mode: "application" | "first_come" }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [confirm, confirmDialog] = useConfirm();
  const [done, setDone] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const onSuccess = (text: string) => () => {
    setDone(text);
    router.refresh();
  };
  const open = useMutation({ ...trpc.allocation.open.mutationOptions(), onSuccess: onSuccess("Tour ouvert.") });
  const close = useMutation({ ...trpc.allocation.close.mutationOptions(), onSuccess: onSuccess("Candidatures closes ; la graine du tirage est tirée.") });
  const run = useMutation({ ...trpc.allocation.run.mutationOptions(), onSuccess: (r) => onSuccess(`Attribution calculée : ${r.placed} placé(s) sur ${r.applications}.`)() });
  const publish = useMutation({ ...trpc.allocation.publish.mutationOptions(), onSuccess: (r) => onSuccess(`Résultats publiés : ${r.bookings} jour(s) réservé(s), ${r.waitlisted} famille(s) en liste d'attente.`)() });
  const remove = useMutation({ ...trpc.allocation.remove.mutationOptions(), onSuccess: () => router.push(`/${commune}/admin/attributions`) });
  const verify = useQuery({ ...trpc.allocation.verify.queryOptions({ roundId }), enabled: checking });
  const error = open.error ?? close.error ?? run.error ?? publish.error ?? remove.error;
  const pending = open.isPending || close.isPending || run.isPending || publish.isPending || remove.isPending;
  return (
    <div className="mt-4">
      {confirmDialog}
      {done ? <Alert tone="success">{done}</Alert> : null}
      {error ? <Alert tone="error">{error.message}</Alert> : null}
      <div className="flex flex-wrap gap-2">
        {status === "draft" ? (
          <Button disabled={pending} onClick={() => open.mutate({ roundId })}>
            {mode === "application" ? "Ouvrir les candidatures" : "Ouvrir le tour"}
          </Button>
        ) : null}
        {status === "draft" && mode === "application" ? (
          <Button
            variant="secondary"
            disabled={pending}
            onClick={async () => {
              if (await confirm({ title: "Supprimer ce brouillon ?", text: "Le tour n'a pas encore été ouvert : aucune famille n'a candidaté.", confirmLabel: "Supprimer", danger: true })) remove.mutate({ roundId });
            }}
          >
            Supprimer le brouillon
          </Button>
        ) : null}
        {status === "open" && mode === "application" ? (
          <Button
            disabled={pending}
            onClick={async () => {
              if (await confirm({ title: "Clore les candidatures ?", text: "Les familles ne pourront plus modifier leur demande. La graine du tirage au sort est tirée maintenant.", confirmLabel: "Clore" })) close.mutate({ roundId });
            }}
          >
            Clore les candidatures
          </Button>
        ) : null}
        {status === "closed" || status === "allocated" ? (
          <Button variant={status === "allocated" ? "secondary" : "primary"} disabled={pending} onClick={() => run.mutate({ roundId })}>
            {status === "allocated" ? "Relancer l'attribution" : "Lancer l'attribution"}
          </Button>
        ) : null}
        {status === "allocated" ? (
          <Button
            disabled={pending}
            onClick={async () => {
              if (await confirm({ title: "Publier les résultats ?", text: "Les places deviennent des réservations, les autres familles passent en liste d'attente dans l'ordre du classement. Les familles voient leur rang, leurs points et la graine.", confirmLabel: "Publier" })) publish.mutate({ roundId });
            }}
          >
            Publier les résultats
          </Button>
        ) : null}
        {status === "allocated" || status === "published" ? (
          <Button variant="secondary" onClick={() => (checking ? verify.refetch() : setChecking(true))}>
            Rejouer avec la graine
          </Button>
        ) : null}
      </div>
      {checking && verify.data ? (
        <Alert tone={verify.data.identical ? "success" : "error"}>
          {verify.data.identical
            ? `Rejoué avec la même graine : résultat identique pour les ${verify.data.checked} candidatures${verify.data.adjusted ? ` (${verify.data.adjusted} ajustée(s) à la main, hors comparaison)` : ""}.`
            : `Rejoué : ${verify.data.differences} différence(s).`}
        </Alert>
      ) : null}
    </div>
  );
}

/** Staff's social criterion on one application, before the run. */
export function SocialToggle({ roundId, applicationId, value }: { roundId: string; applicationId: string; value: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const set = useMutation({ ...trpc.allocation.setSocial.mutationOptions(), onSuccess: () => router.refresh() });
  return (
    <label className="mt-1 inline-flex min-h-11 items-center gap-2 text-xs">
      <input type="checkbox" className="size-4" checked={value} disabled={set.isPending} onChange={(e) => set.mutate({ roundId, applicationId, socialPriority: e.target.checked })} />
      Critère social
    </label>
  );
}

/** Moves one application to another of its choices or to the waiting list, with a reason. */
export function AdjustForm({ roundId, applicationId, childName, current, options }: { roundId: string; applicationId: string; childName: string; current: number | null; options: readonly (readonly [string, string])[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const adjust = useMutation({ ...trpc.allocation.adjust.mutationOptions(), onSuccess: () => (setOpen(false), router.refresh()) });
  if (!open)
    return (
      <Button variant="secondary" onClick={() => setOpen(true)} aria-label={`Ajuster la place de ${childName}`}>
        Ajuster
      </Button>
    );
  return (
    <form
      className="grid min-w-52 gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const choice = String(f.get("choix") ?? "");
        adjust.mutate({ roundId, applicationId, placedChoice: choice === "" ? null : Number(choice), adjustReason: String(f.get("motif") ?? "") });
      }}
    >
      <label className="text-xs font-medium" htmlFor={`choix-${applicationId}`}>
        Nouvelle place de {childName}
      </label>
      <select id={`choix-${applicationId}`} name="choix" defaultValue={current === null ? "" : String(current)} className="min-h-11 rounded-lg border border-slate-300 px-2">
        {options.map(([v, t]) => (
          <option key={v} value={v}>
            {t}
          </option>
        ))}
      </select>
      <label className="text-xs font-medium" htmlFor={`motif-${applicationId}`}>
        Motif (obligatoire)
      </label>
      <input id={`motif-${applicationId}`} name="motif" maxLength={500} className="min-h-11 rounded-lg border border-slate-300 px-2" />
      {adjust.error ? (
        <p role="alert" className="text-sm text-red-700">
          {adjust.error.message}
        </p>
      ) : null}
      <div className="flex gap-2">
        <Button type="submit" disabled={adjust.isPending}>
          Enregistrer
        </Button>
        <Button type="button" variant="secondary" onClick={() => setOpen(false)}>
          Annuler
        </Button>
      </div>
    </form>
  );
}

/**
 * A first-come round's name, opening and residents' early opening (changed at any time: the booking
 * rules read them on every request), and its deletion (bookings already made stay).
 */
export function FirstComeSettings({
  commune,
  roundId,
  current,
}: {
  commune: string;
  roundId: string;
  current: { roundLabel: string; opensDate: string; opensTime: string; residentsOpensDate: string; residentsOpensTime: string };
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [confirm, confirmDialog] = useConfirm();
  const save = useFormMutation(trpc.allocation.updateFirstCome.mutationOptions(), { success: "Tour modifié : les nouvelles heures d'ouverture s'appliquent dès maintenant." });
  const remove = useMutation({ ...trpc.allocation.remove.mutationOptions(), onSuccess: () => router.push(`/${commune}/admin/attributions`) });
  const { errors } = save;
  // The confirmation dialog has its own form: it sits beside this one, never inside it.
  return (
    <>
      {confirmDialog}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          const s = (k: string) => String(f.get(k) ?? "");
          save.submit(e.currentTarget, {
            roundId,
            roundLabel: s("roundLabel"),
            opensDate: s("opensDate"),
            opensTime: s("opensTime"),
            residentsOpensDate: s("residentsOpensDate"),
            residentsOpensTime: s("residentsOpensTime"),
          });
        }}
      >
        <FormAlerts success={save.success} formError={save.formError ?? remove.error?.message} />
        <Field name="roundLabel" label="Nom du tour" maxLength={120} defaultValue={current.roundLabel} error={errors.roundLabel} />
        <div className="grid gap-x-3 sm:grid-cols-2">
          <Field name="opensDate" type="date" label="Ouverture des réservations" defaultValue={current.opensDate} error={errors.opensDate} />
          <Field name="opensTime" type="time" label="à" defaultValue={current.opensTime} error={errors.opensTime} />
          <Field
            name="residentsOpensDate"
            type="date"
            label="Ouverture anticipée des résidents (facultatif)"
            defaultValue={current.residentsOpensDate}
            error={errors.residentsOpensDate}
          />
          <Field name="residentsOpensTime" type="time" label="à" defaultValue={current.residentsOpensTime} error={errors.residentsOpensTime} />
        </div>
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={save.pending}>
            Enregistrer
          </Button>
          <Button
            type="button"
            variant="secondary"
            disabled={remove.isPending}
            onClick={async () => {
              if (
                await confirm({
                  title: "Supprimer ce tour ?",
                  text: "Les réservations déjà faites restent. Les jours de la période ouvrent ensuite selon les règles de l'activité, sans ouverture anticipée des résidents.",
                  confirmLabel: "Supprimer",
                  danger: true,
                })
              )
                remove.mutate({ roundId });
            }}
          >
            Supprimer le tour
          </Button>
        </div>
      </form>
    </>
  );
}
