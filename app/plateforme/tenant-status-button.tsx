"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTRPC } from "@/app/_lib/trpc";
import { Button } from "@/app/_components/ui";

export function TenantStatusButton({ tenantId, name, status }: { tenantId: string; name: string; status: "active" | "suspended" }) {
  const trpc = useTRPC();
  const router = useRouter();
  const mutation = useMutation({ ...trpc.platform.setStatus.mutationOptions(), onSuccess: () => router.refresh() });
  const next = status === "active" ? "suspended" : "active";
  return (
    <Button
      variant={status === "active" ? "secondary" : "primary"}
      disabled={mutation.isPending}
      aria-label={`${status === "active" ? "Suspendre" : "Réactiver"} ${name}`}
      onClick={() => {
        if (next === "suspended" && !window.confirm(`Suspendre le portail de ${name} ? Les familles et les agents n'y auront plus accès.`)) return;
        mutation.mutate({ tenantId, status: next });
      }}
    >
      {status === "active" ? "Suspendre" : "Réactiver"}
    </Button>
  );
}
