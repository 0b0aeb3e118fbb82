"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert, Button } from "@/app/_components/ui";
import { useTRPC } from "@/app/_lib/trpc";

/** The code printed on the family's invoices, and "Régénérer" when it was lost or given to the wrong person. */
export function ActivationCode({ householdId, code, issuedOn }: { householdId: string; code: string; issuedOn: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const regenerate = useMutation({
    ...trpc.households.regenerateActivationCode.mutationOptions(),
    onSuccess: () => {
      setConfirming(false);
      router.refresh();
    },
  });
  return (
    <div>
      {regenerate.isSuccess ? <Alert tone="success">Nouveau code enregistré : l&apos;ancien ne fonctionne plus.</Alert> : null}
      {regenerate.error ? <Alert tone="error">{regenerate.error.message}</Alert> : null}
      <p className="text-sm text-slate-600">Code d&apos;activation (depuis le {issuedOn})</p>
      <p className="mb-3 font-mono text-xl font-semibold tracking-wider text-slate-900">{code}</p>
      {confirming ? (
        <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Confirmer la régénération">
          <span className="text-sm text-slate-700">Le code imprimé sur les factures déjà envoyées ne fonctionnera plus.</span>
          <Button type="button" variant="danger" disabled={regenerate.isPending} onClick={() => regenerate.mutate({ householdId })}>
            Confirmer
          </Button>
          <Button type="button" variant="secondary" onClick={() => setConfirming(false)}>
            Annuler
          </Button>
        </div>
      ) : (
        <Button type="button" variant="secondary" onClick={() => setConfirming(true)}>
          Régénérer le code
        </Button>
      )}
    </div>
  );
}
