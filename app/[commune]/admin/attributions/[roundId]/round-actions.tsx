"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useConfirm } from "@/app/_components/confirm-dialog";
import { Alert, Button } from "@/app/_components/ui";
import { useTRPC } from "@/app/_lib/trpc";
import type { RoundStatus } from "@/common/allocation";

/** The round's next step (open, close and draw the seed, run, publish) and the re-run check. */
export function RoundActions({ roundId, status, mode }: { roundId: string; status: RoundStatus; mode: "application" | "first_come" }) {
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
  const verify = useQuery({ ...trpc.allocation.verify.queryOptions({ roundId }), enabled: checking });
  const error = open.error ?? close.error ?? run.error ?? publish.error;
  const pending = open.isPending || close.isPending || run.isPending || publish.isPending;
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
