"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert, Button } from "@/app/_components/ui";
import { useTRPC } from "@/app/_lib/trpc";

/** Résident / non résident: prices the bookings made from now on; those already made keep their price. */
export function ResidentForm({ householdId, isResident }: { householdId: string; isResident: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [value, setValue] = useState(isResident);
  const save = useMutation({ ...trpc.households.setResident.mutationOptions(), onSuccess: () => router.refresh() });
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate({ householdId, isResident: value });
      }}
    >
      {save.isSuccess ? (
        <Alert tone="success">{save.data.changed ? `Enregistré : ${save.data.isResident ? "résident" : "non résident"}.` : "Aucun changement."}</Alert>
      ) : null}
      {save.error ? <Alert tone="error">{save.error.message}</Alert> : null}
      <fieldset>
        <legend className="mb-1 text-sm font-medium text-slate-800">Tarif appliqué</legend>
        <label className="flex min-h-11 items-center gap-2 text-sm">
          <input type="radio" name="resident" className="size-4" checked={value} onChange={() => setValue(true)} />
          Résident de la commune
        </label>
        <label className="flex min-h-11 items-center gap-2 text-sm">
          <input type="radio" name="resident" className="size-4" checked={!value} onChange={() => setValue(false)} />
          Non résident
        </label>
      </fieldset>
      <p className="my-3 text-xs text-slate-600">
        Le changement s&apos;applique aux réservations faites à partir de maintenant : celles déjà faites gardent le prix fixé à leur réservation, et les
        factures déjà émises ne changent pas. Il est noté dans l&apos;historique du dossier.
      </p>
      <Button type="submit" variant="secondary" disabled={save.isPending || value === isResident}>
        Enregistrer
      </Button>
    </form>
  );
}
