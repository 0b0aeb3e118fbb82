"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/app/_lib/trpc";
import { Button } from "@/app/_components/ui";

export function EnrolmentDecision({ enrolmentId, childName }: { enrolmentId: string; childName: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [refusing, setRefusing] = useState(false);
  const [reason, setReason] = useState("");
  const mutation = useMutation({ ...trpc.enrolments.decide.mutationOptions(), onSuccess: () => router.refresh() });
  return (
    <div className="flex flex-wrap items-end gap-2">
      {refusing ? (
        <>
          <div>
            <label htmlFor={`motif-${enrolmentId}`} className="block text-xs font-medium">
              Motif du refus
            </label>
            <input id={`motif-${enrolmentId}`} value={reason} onChange={(e) => setReason(e.target.value)} className="min-h-11 rounded-lg border border-slate-500 px-3" />
          </div>
          <Button variant="danger" disabled={mutation.isPending} onClick={() => mutation.mutate({ enrolmentId, decision: "refused", reason })}>
            Confirmer le refus
          </Button>
          <Button variant="secondary" onClick={() => setRefusing(false)}>
            Annuler
          </Button>
        </>
      ) : (
        <>
          <Button disabled={mutation.isPending} onClick={() => mutation.mutate({ enrolmentId, decision: "accepted" })} aria-label={`Accepter l'inscription de ${childName}`}>
            Accepter
          </Button>
          <Button variant="secondary" onClick={() => setRefusing(true)} aria-label={`Refuser l'inscription de ${childName}`}>
            Refuser
          </Button>
        </>
      )}
      {mutation.error ? (
        <p role="alert" className="w-full text-sm text-red-700">
          {mutation.error.message}
        </p>
      ) : null}
    </div>
  );
}
