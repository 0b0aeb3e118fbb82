"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTRPC } from "@/app/_lib/trpc";
import { Button } from "@/app/_components/ui";
import { useConfirm } from "@/app/_components/confirm-dialog";

export function TenantStatusButton({ tenantId, name, status }: { tenantId: string; name: string; status: "active" | "suspended" }) {
  const trpc = useTRPC();
  const router = useRouter();
  const mutation = useMutation({ ...trpc.platform.setStatus.mutationOptions(), onSuccess: () => router.refresh() });
  const [confirm, dialog] = useConfirm();
  const next = status === "active" ? "suspended" : "active";
  return (
    <>
    <Button
      variant={status === "active" ? "secondary" : "primary"}
      disabled={mutation.isPending}
      aria-label={`${status === "active" ? "Suspendre" : "Réactiver"} ${name}`}
      onClick={async () => {
        const asked = {
          title: `Suspendre le portail de ${name} ?`,
          text: "Les familles et les agents n'y auront plus accès jusqu'à sa réactivation.",
          confirmLabel: `Suspendre ${name}`,
          danger: true,
        };
        if (next === "suspended" && !(await confirm(asked))) return;
        mutation.mutate({ tenantId, status: next });
      }}
    >
      {status === "active" ? "Suspendre" : "Réactiver"}
    </Button>
    {dialog}
    </>
  );
}
