"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { usePathname, useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/app/_components/ui";
import { useTRPC } from "@/app/_lib/trpc";

/** Fetches the certificate only when asked, and hands it to the browser as a file to open or save. */
export function CertificateLink({ reportId, name }: { reportId: string; name: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  async function open() {
    setError(null);
    setPending(true);
    try {
      const file = await queryClient.fetchQuery(trpc.absences.certificate.queryOptions({ reportId }));
      // A Blob rather than a data: URL, which browsers cap at about 2 MB.
      const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
      const url = URL.createObjectURL(new Blob([bytes], { type: file.type }));
      const link = document.createElement("a");
      link.href = url;
      link.download = file.name;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setError(e instanceof Error ? e.message : "Le certificat n'a pas pu être ouvert.");
    } finally {
      setPending(false);
    }
  }
  return (
    <span>
      <button type="button" onClick={open} disabled={pending} className="min-h-11 font-semibold text-brand-700 underline underline-offset-4">
        {pending ? "Ouverture…" : `Télécharger le certificat (${name})`}
      </button>
      {error ? (
        <span role="alert" className="block text-sm text-red-700">
          {error}
        </span>
      ) : null}
    </span>
  );
}

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
