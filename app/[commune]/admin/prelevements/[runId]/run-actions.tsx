"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { ConfirmButton } from "@/app/_components/confirm-dialog";
import { Button } from "@/app/_components/ui";
import { useTRPC } from "@/app/_lib/trpc";
import { messages } from "@/common/messages";

/** Closes the run for the bank: the payments are recorded then, once; the file can be downloaded again at will. */
export function ExportRunButton({ runId }: { runId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const exportRun = useMutation(trpc.collection.exportDebitRun.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <ConfirmButton
      disabled={exportRun.isPending}
      error={exportRun.error?.message}
      confirm={{
        title: "Générer le fichier de prélèvement ?",
        text: "Les factures prélevées sont enregistrées comme réglées par prélèvement ; une facture réglée entre-temps est retirée. La campagne ne pourra plus être modifiée.",
        confirmLabel: "Générer le fichier",
      }}
      onConfirm={() => exportRun.mutate({ runId })}
    >
      Générer le fichier SEPA
    </ConfirmButton>
  );
}

/** The bank returned this debit: its invoices are due again (with the commune's fee, if any). */
export function RejectionForm({ runId, mandateId }: { runId: string; mandateId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const id = useId();
  const [reason, setReason] = useState("AM04");
  const reject = useMutation(trpc.collection.recordRejection.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <div className="flex flex-wrap items-center gap-2">
      <label htmlFor={id} className="sr-only">
        Motif du rejet
      </label>
      <select id={id} value={reason} onChange={(e) => setReason(e.target.value)} className="min-h-11 rounded-lg border border-slate-500 bg-white px-2 text-sm">
        {Object.entries(messages.collection.rejectReasons).map(([code, label]) => (
          <option key={code} value={code}>
            {code} — {label}
          </option>
        ))}
      </select>
      <Button type="button" variant="secondary" disabled={reject.isPending} onClick={() => reject.mutate({ runId, mandateId, reason })}>
        Enregistrer le rejet
      </Button>
      {reject.error ? (
        <span role="alert" className="block text-sm text-red-700">
          {reject.error.message}
        </span>
      ) : null}
    </div>
  );
}
