"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Alert, Button } from "@/app/_components/ui";
import { useTRPC } from "@/app/_lib/trpc";

/** « Vérifiez votre dossier pour la rentrée »: what expires, and the button that says it is done. */
export function ReviewBanner({ householdId, review }: { householdId: string; review: { schoolYear: string; requested: boolean; reviewedAt: Date | null; warnings: string[] } }) {
  const trpc = useTRPC();
  const router = useRouter();
  const mark = useMutation(trpc.familyFile.markReviewed.mutationOptions({ onSuccess: () => router.refresh() }));
  if (!review.warnings.length && (!review.requested || review.reviewedAt)) return null;
  return (
    <Alert tone="warning">
      {review.requested && !review.reviewedAt ? (
        <p className="mb-2 font-semibold">La mairie vous demande de vérifier votre dossier pour l&apos;année {review.schoolYear}.</p>
      ) : (
        <p className="mb-2 font-semibold">À mettre à jour avant la rentrée {review.schoolYear} :</p>
      )}
      {review.warnings.length ? (
        <ul className="mb-2 list-disc pl-5">
          {review.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      ) : null}
      {review.requested && !review.reviewedAt ? (
        <Button type="button" onClick={() => mark.mutate({ householdId })} disabled={mark.isPending}>
          J&apos;ai vérifié mon dossier
        </Button>
      ) : null}
    </Alert>
  );
}
