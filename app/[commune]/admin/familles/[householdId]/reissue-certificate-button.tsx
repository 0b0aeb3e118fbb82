"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { ConfirmButton } from "@/app/_components/confirm-dialog";
import { useTRPC } from "@/app/_lib/trpc";

/** A new certificate for the year, amounts read again; the one in force is marked replaced. */
export function ReissueCertificateButton({ householdId, year, exists }: { householdId: string; year: number; exists: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const reissue = useMutation(trpc.collection.reissueCertificate.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <ConfirmButton
      variant="secondary"
      disabled={reissue.isPending}
      error={reissue.error?.message}
      confirm={{
        title: exists ? `Réémettre l'attestation ${year} ?` : `Établir l'attestation ${year} ?`,
        text: exists
          ? "Les montants sont recalculés d'après les règlements enregistrés ; l'attestation actuelle est remplacée par une nouvelle, avec un nouveau numéro."
          : "L'attestation est établie d'après les règlements enregistrés pour l'année.",
        confirmLabel: exists ? "Réémettre" : "Établir",
      }}
      onConfirm={() => reissue.mutate({ householdId, year })}
    >
      {exists ? "Réémettre" : "Établir"}
    </ConfirmButton>
  );
}
