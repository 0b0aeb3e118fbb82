"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Button } from "@/app/_components/ui";
import { useTRPC } from "@/app/_lib/trpc";

/** Hide or show the invoice in the family's list. */
export function HideInvoiceButton({ invoiceId, hidden }: { invoiceId: string; hidden: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const hide = useMutation({ ...trpc.invoices.setHidden.mutationOptions(), onSuccess: () => router.refresh() });
  return (
    <div>
      <Button type="button" variant="secondary" disabled={hide.isPending} onClick={() => hide.mutate({ invoiceId, hidden: !hidden })}>
        {hidden ? "Ne plus masquer cette facture" : "Masquer cette facture"}
      </Button>
      {hide.error ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {hide.error.message}
        </p>
      ) : null}
    </div>
  );
}
