"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/app/_components/ui";
import { useTRPC } from "@/app/_lib/trpc";

/** "Télécharger la facture (PDF)" for the front desk: the PDF comes back as base64 and is saved as a Blob. */
export function StaffPdfButton({ invoiceId }: { invoiceId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function download() {
    setPending(true);
    setError(null);
    try {
      const file = await queryClient.fetchQuery(trpc.invoices.staffPdf.queryOptions({ invoiceId }, { staleTime: 0 }));
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
      {error ? (
        <p role="alert" className="w-full text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
