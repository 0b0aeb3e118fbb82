"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert, Button, Card } from "@/app/_components/ui";
import { useTRPC } from "@/app/_lib/trpc";

type Delivery = "paper" | "email";

/** "Je choisis mon mode de réception de facture", for each of the family's households. */
export function DeliveryChoice({ households }: { households: { householdId: string; name: string; reference: string; delivery: Delivery }[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [choice, setChoice] = useState<Record<string, Delivery>>(Object.fromEntries(households.map((h) => [h.householdId, h.delivery])));
  const [saved, setSaved] = useState<string | null>(null);
  const mutation = useMutation({
    ...trpc.invoices.setDelivery.mutationOptions(),
    onSuccess: (data) => {
      setSaved(data.householdId);
      router.refresh();
    },
  });
  return (
    <Card title="Je choisis mon mode de réception de facture">
      {mutation.error ? <Alert tone="error">{mutation.error.message}</Alert> : null}
      {households.map((h) => (
        <form
          key={h.householdId}
          className="border-t border-slate-100 pt-3 first:border-t-0 first:pt-0"
          onSubmit={(e) => {
            e.preventDefault();
            setSaved(null);
            mutation.mutate({ householdId: h.householdId, delivery: choice[h.householdId]! });
          }}
        >
          <fieldset>
            <legend className="mb-2 text-sm font-medium">
              {households.length > 1 ? `${h.name} (${h.reference})` : "Recevoir mes factures"}
            </legend>
            <label className="flex min-h-11 items-center gap-2 text-sm">
              <input
                type="radio"
                name={`reception-${h.householdId}`}
                checked={choice[h.householdId] === "email"}
                onChange={() => setChoice({ ...choice, [h.householdId]: "email" })}
                className="h-4 w-4 shrink-0"
              />
              Par e-mail : un message me prévient quand une facture est disponible sur le portail (facture électronique)
            </label>
            <label className="flex min-h-11 items-center gap-2 text-sm">
              <input
                type="radio"
                name={`reception-${h.householdId}`}
                checked={choice[h.householdId] === "paper"}
                onChange={() => setChoice({ ...choice, [h.householdId]: "paper" })}
                className="h-4 w-4 shrink-0"
              />
              Par courrier (papier)
            </label>
          </fieldset>
          <div className="mt-2 flex flex-wrap items-center gap-3">
            <Button type="submit" variant="secondary" disabled={mutation.isPending}>
              Enregistrer mon choix
            </Button>
            {saved === h.householdId ? (
              <span role="status" className="text-sm text-emerald-800">
                Choix enregistré.
              </span>
            ) : null}
          </div>
        </form>
      ))}
    </Card>
  );
}
