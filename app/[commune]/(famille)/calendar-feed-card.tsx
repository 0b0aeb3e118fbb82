"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useConfirm } from "@/app/_components/confirm-dialog";
import { Alert, Button, Card } from "@/app/_components/ui";
import { useTRPC } from "@/app/_lib/trpc";
import { formatInstant } from "@/common/dates";

interface Created {
  householdId: string;
  url: string;
  webcalUrl: string;
}

/**
 * "Mon agenda": a private address listing the family's confirmed bookings, to subscribe to from a
 * phone or computer calendar. Shown once when created; it can be replaced or switched off.
 */
export function CalendarFeedCard({ timeZone }: { timeZone: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const status = useQuery(trpc.calendarFeed.status.queryOptions());
  const [created, setCreated] = useState<Created | null>(null);
  const [copied, setCopied] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.calendarFeed.status.queryKey() });
  const create = useMutation({
    ...trpc.calendarFeed.create.mutationOptions(),
    onSuccess: (data, input) => {
      setCopied(false);
      setCreated({ householdId: input.householdId, url: data.url, webcalUrl: data.webcalUrl });
      void refresh();
    },
  });
  const revoke = useMutation({
    ...trpc.calendarFeed.revoke.mutationOptions(),
    onSuccess: () => {
      setCreated(null);
      void refresh();
    },
  });
  const error = create.error ?? revoke.error;
  const busy = create.isPending || revoke.isPending;
  const [confirm, dialog] = useConfirm();

  return (
    <Card title="Mon agenda" className="mt-6">
      <p className="mb-3 text-sm text-slate-700">
        Retrouvez les jours réservés de vos enfants (cantine, accueils, centre de loisirs) dans l&apos;agenda de votre téléphone ou de votre ordinateur,
        mis à jour automatiquement.
      </p>
      {error ? <Alert tone="error">{error.message}</Alert> : null}
      {status.isLoading ? <p className="text-sm text-slate-600">Chargement…</p> : null}
      {status.data?.map((household) => {
        const shown = created?.householdId === household.householdId ? created : null;
        return (
          <div key={household.householdId} className="border-t border-slate-100 pt-3 first:border-t-0 first:pt-0">
            {status.data.length > 1 ? <h3 className="mb-2 font-semibold">{household.householdName}</h3> : null}
            {shown ? (
              <div className="mb-3 rounded-lg border border-emerald-200 bg-emerald-50 p-4">
                <label htmlFor={`lien-agenda-${household.householdId}`} className="mb-1 block text-sm font-semibold text-emerald-900">
                  Votre lien d&apos;agenda privé
                </label>
                <input
                  id={`lien-agenda-${household.householdId}`}
                  readOnly
                  value={shown.url}
                  onFocus={(e) => e.currentTarget.select()}
                  className="mb-2 block min-h-11 w-full rounded-lg border border-slate-300 bg-white px-3 font-mono text-sm"
                />
                <div className="flex flex-wrap gap-2">
                  <Button
                    type="button"
                    onClick={async () => {
                      await navigator.clipboard.writeText(shown.url);
                      setCopied(true);
                    }}
                  >
                    {copied ? "Lien copié" : "Copier le lien"}
                  </Button>
                  <a
                    href={shown.webcalUrl}
                    className="inline-flex min-h-11 items-center justify-center rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-50"
                  >
                    Ajouter à mon agenda
                  </a>
                </div>
                <p className="mt-2 text-xs text-emerald-900" role="status">
                  Ce lien ne sera plus affiché : copiez-le maintenant. Il est personnel (il donne accès à vos réservations) ; ne le partagez qu&apos;avec
                  les personnes de confiance.
                </p>
              </div>
            ) : null}
            {household.activeSince ? (
              <>
                <p className="mb-3 text-sm">Un lien d&apos;agenda est actif depuis le {formatInstant(household.activeSince, timeZone)}.</p>
                <div className="flex flex-wrap gap-2">
                  <Button
                    variant="secondary"
                    disabled={busy}
                    onClick={async () => {
                      const asked = { title: "Créer un nouveau lien ?", text: "L'ancien cessera de fonctionner dans les agendas où il est ajouté.", confirmLabel: "Régénérer le lien" };
                      if (await confirm(asked)) {
                        create.mutate({ householdId: household.householdId });
                      }
                    }}
                  >
                    Régénérer le lien
                  </Button>
                  <Button
                    variant="danger"
                    disabled={busy}
                    onClick={async () => {
                      const asked = { title: "Désactiver le lien ?", text: "Les agendas abonnés ne recevront plus vos réservations.", confirmLabel: "Désactiver le lien", danger: true };
                      if (await confirm(asked)) {
                        revoke.mutate({ householdId: household.householdId });
                      }
                    }}
                  >
                    Désactiver le lien
                  </Button>
                </div>
              </>
            ) : (
              <Button disabled={busy} onClick={() => create.mutate({ householdId: household.householdId })}>
                Créer mon lien d&apos;agenda
              </Button>
            )}
          </div>
        );
      })}
      {dialog}
    </Card>
  );
}
