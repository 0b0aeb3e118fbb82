"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { ConfirmButton } from "@/app/_components/confirm-dialog";
import { Alert } from "@/app/_components/ui";
import { useTRPC } from "@/app/_lib/trpc";

/** The code printed on the family's invoices, and "Régénérer" when it was lost or given to the wrong person. */
export function ActivationCode({ householdId, code, issuedOn }: { householdId: string; code: string; issuedOn: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const regenerate = useMutation({ ...trpc.households.regenerateActivationCode.mutationOptions(), onSuccess: () => router.refresh() });
  return (
    <div>
      {regenerate.isSuccess ? <Alert tone="success">Nouveau code enregistré : l&apos;ancien ne fonctionne plus.</Alert> : null}
      {regenerate.error ? <Alert tone="error">{regenerate.error.message}</Alert> : null}
      <p className="text-sm text-slate-600">Code d&apos;activation (depuis le {issuedOn})</p>
      <p className="mb-3 font-mono text-xl font-semibold tracking-wider text-slate-900">{code}</p>
      <ConfirmButton
        variant="secondary"
        disabled={regenerate.isPending}
        confirm={{
          title: "Régénérer le code d'activation ?",
          text: "Le code imprimé sur les factures déjà envoyées ne fonctionnera plus.",
          confirmLabel: "Régénérer le code",
          danger: true,
        }}
        onConfirm={() => regenerate.mutate({ householdId })}
      >
        Régénérer le code
      </ConfirmButton>
    </div>
  );
}
