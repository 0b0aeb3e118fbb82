"use client";
import { useMutation } from "@tanstack/react-query";
import { usePathname, useRouter } from "next/navigation";
import { Button } from "@/app/_components/ui";
import { useTRPC } from "@/app/_lib/trpc";

export function AbsenceReview({ reportId, childName, dayLabel }: { reportId: string; childName: string; dayLabel: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  // The card leaves the list once reviewed: what was decided is said at the top of the page.
  const mutation = useMutation({
    ...trpc.absences.review.mutationOptions(),
    onSuccess: (_, { decision }) => router.replace(`${pathname}?${new URLSearchParams({ revu: decision, enfant: childName, jour: dayLabel })}`, { scroll: false }),
  });
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button disabled={mutation.isPending} onClick={() => mutation.mutate({ reportId, decision: "accepted" })} aria-label={`Excuser l'absence de ${childName}`}>
        Excuser l&apos;absence
      </Button>
      <Button variant="secondary" disabled={mutation.isPending} onClick={() => mutation.mutate({ reportId, decision: "rejected" })} aria-label={`Refuser le signalement de ${childName}`}>
        Refuser
      </Button>
      {mutation.error ? (
        <p role="alert" className="w-full text-sm text-red-700">
          {mutation.error.message}
        </p>
      ) : null}
    </div>
  );
}
