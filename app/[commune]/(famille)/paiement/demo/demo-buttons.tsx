"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Alert, Button } from "@/app/_components/ui";
import { useTRPC } from "@/app/_lib/trpc";

export function DemoButtons({ commune, paymentRef }: { commune: string; paymentRef: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const settle = useMutation({
    ...trpc.basket.demoSettle.mutationOptions(),
    onSuccess: () => router.push(`/${commune}/paiement/resultat?ref=${encodeURIComponent(paymentRef)}`),
  });
  return (
    <div>
      {settle.error ? <Alert tone="error">{settle.error.message}</Alert> : null}
      <div className="flex flex-col gap-2 sm:flex-row">
        <Button disabled={settle.isPending} onClick={() => settle.mutate({ ref: paymentRef, outcome: "succeeded" })}>
          Payer (paiement accepté)
        </Button>
        <Button variant="danger" disabled={settle.isPending} onClick={() => settle.mutate({ ref: paymentRef, outcome: "failed" })}>
          Refuser le paiement
        </Button>
      </div>
    </div>
  );
}
