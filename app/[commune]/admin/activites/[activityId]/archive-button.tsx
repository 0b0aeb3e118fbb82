"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { ConfirmButton } from "@/app/_components/confirm-dialog";
import { Button } from "@/app/_components/ui";
import { useTRPC } from "@/app/_lib/trpc";

/** Archives an activity (hidden from families, history kept) or brings it back. */
export function ArchiveActivityButton({ activityId, name, archived }: { activityId: string; name: string; archived: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const mutation = useMutation(trpc.activities.archive.mutationOptions());
  const run = () => mutation.mutate({ activityId, archived: !archived }, { onSuccess: () => router.refresh() });
  return (
    <div className="flex flex-wrap items-center gap-2">
      {archived ? (
        <Button type="button" variant="secondary" disabled={mutation.isPending} onClick={run}>
          Réactiver l&apos;activité
        </Button>
      ) : (
        <ConfirmButton
          variant="secondary"
          disabled={mutation.isPending}
          confirm={{
            title: `Archiver « ${name} » ?`,
            text: "Elle ne sera plus proposée aux familles ; les réservations passées sont conservées.",
            confirmLabel: "Archiver l'activité",
            danger: true,
          }}
          onConfirm={run}
        >
          Archiver l&apos;activité
        </ConfirmButton>
      )}
      {mutation.error ? (
        <p role="alert" className="w-full text-sm text-red-700">
          {mutation.error.message}
        </p>
      ) : null}
    </div>
  );
}
