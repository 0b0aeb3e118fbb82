"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { ConfirmButton } from "@/app/_components/confirm-dialog";
import { Alert } from "@/app/_components/ui";
import { useTRPC } from "@/app/_lib/trpc";

/** "Demander l'effacement": asks first, then records the request; the town hall processes it. */
export function ErasureRequest({ householdId, reference }: { householdId: string; reference: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const request = useMutation({ ...trpc.rgpd.requestErasure.mutationOptions(), onSuccess: () => router.refresh() });
  return (
    <div>
      {request.data ? <Alert tone="success">{request.data.message}</Alert> : null}
      <ConfirmButton
        variant="danger"
        disabled={request.isPending}
        error={request.error?.message}
        confirm={{
          title: "Demander l'effacement de vos données ?",
          text: `La mairie effacera le dossier ${reference} : responsables, enfants, données de santé, réservations à venir, fichiers déposés, et l'accès de votre compte à ce dossier. Les factures et paiements sont conservés 10 ans, comme la loi l'exige, sans vos nom, adresse, e-mail ni téléphone.`,
          confirmLabel: "Demander l'effacement",
          danger: true,
        }}
        onConfirm={() => request.mutate({ householdId })}
      >
        Demander l&apos;effacement de mes données
      </ConfirmButton>
    </div>
  );
}
