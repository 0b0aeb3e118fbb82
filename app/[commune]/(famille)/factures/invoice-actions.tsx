"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/app/_components/ui";
import { useTRPC } from "@/app/_lib/trpc";

/** Download the PDF (a Blob, no second request) and hide or show the invoice. */
export function InvoiceActions({ invoiceId, hidden }: { invoiceId: string; hidden: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const hide = useMutation({ ...trpc.invoices.setHidden.mutationOptions(), onSuccess: () => router.refresh() });
  async function download() {
    setPending(true);
    setError(null);
    try {
      const file = await queryClient.fetchQuery(trpc.invoices.pdf.queryOptions({ invoiceId }, { staleTime: 0 }));
      const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
      const url = URL.createObjectURL(new Blob([bytes], { type: file.type }));
      const link = document.createElement("a");
      link.href = url;
      link.download = file.filename;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setError(e instanceof Error ? e.message : "Le PDF n'a pas pu être préparé.");
    } finally {
      setPending(false);
    }
  }
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button type="button" onClick={download} disabled={pending}>
        {pending ? "Préparation…" : "Télécharger la facture (PDF)"}
      </Button>
      <Button type="button" variant="secondary" disabled={hide.isPending} onClick={() => hide.mutate({ invoiceId, hidden: !hidden })}>
        {hidden ? "Ne plus masquer cette facture" : "Masquer cette facture"}
      </Button>
      {error || hide.error ? (
        <p role="alert" className="w-full text-sm text-red-700">
          {error ?? hide.error?.message}
        </p>
      ) : null}
    </div>
  );
}
