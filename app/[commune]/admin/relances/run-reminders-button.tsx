"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Button } from "@/app/_components/ui";
import { useTRPC } from "@/app/_lib/trpc";

/** Sends now the reminders the hourly check would send; sending twice is harmless (one per step and invoice). */
export function RunRemindersButton() {
  const trpc = useTRPC();
  const router = useRouter();
  const run = useMutation(trpc.collection.runReminders.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <div>
      <Button type="button" variant="secondary" disabled={run.isPending} onClick={() => run.mutate()}>
        Envoyer maintenant les relances dues
      </Button>
      <p role="status" className="mt-2 text-sm text-slate-700">
        {run.data ? `${run.data.sent} relance(s) envoyée(s), ${run.data.flagged} facture(s) signalée(s) au Trésor public.` : null}
        {run.error ? <span className="text-red-700">{run.error.message}</span> : null}
      </p>
    </div>
  );
}
