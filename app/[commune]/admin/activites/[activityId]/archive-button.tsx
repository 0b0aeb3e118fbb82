"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/app/_components/ui";
import { useTRPC } from "@/app/_lib/trpc";

/** Archives an activity (hidden from families, history kept) or brings it back. */
export function ArchiveActivityButton({ activityId, name, archived }: { activityId: string; name: string; archived: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const mutation = useMutation(trpc.activities.archive.mutationOptions());
  const run = () =>
    mutation.mutate(
      { activityId, archived: !archived },
      {
        onSuccess: () => {
          setConfirming(false);
          router.refresh();
        },
      },
    );
  return (
    <div className="flex flex-wrap items-center gap-2">
      {archived ? (
        <Button type="button" variant="secondary" disabled={mutation.isPending} onClick={run}>
          Réactiver l&apos;activité
        </Button>
      ) : confirming ? (
        <>
          <span className="text-sm text-slate-700">« {name} » ne sera plus proposée aux familles ; les réservations passées sont conservées.</span>
          <Button type="button" variant="danger" autoFocus disabled={mutation.isPending} onClick={run}>
            Confirmer l&apos;archivage
          </Button>
          <Button type="button" variant="secondary" onClick={() => setConfirming(false)}>
            Annuler
          </Button>
        </>
      ) : (
        <Button type="button" variant="secondary" onClick={() => setConfirming(true)}>
          Archiver l&apos;activité
        </Button>
      )}
      {mutation.error ? (
        <p role="alert" className="w-full text-sm text-red-700">
          {mutation.error.message}
        </p>
      ) : null}
    </div>
  );
}
