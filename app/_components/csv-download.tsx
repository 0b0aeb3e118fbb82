"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/app/_lib/trpc";
import { Button } from "./ui";

/** Asks the server for the CSV text and saves it as a file (a Blob: no second request, no page change). */
export function MealCsvDownload({ from, to, siteId }: { from: string; to: string; siteId: string | null }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function download() {
    setPending(true);
    setError(null);
    try {
      const csv = await queryClient.fetchQuery(trpc.attendance.mealCountsCsv.queryOptions({ from, to, siteId }, { staleTime: 0 }));
      const url = URL.createObjectURL(new Blob([csv.content], { type: "text/csv;charset=utf-8" }));
      const link = document.createElement("a");
      link.href = url;
      link.download = csv.filename;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (e) {
      setError(e instanceof Error ? e.message : "Le fichier n'a pas pu être préparé.");
    } finally {
      setPending(false);
    }
  }
  return (
    <div>
      <Button type="button" variant="secondary" onClick={download} disabled={pending}>
        {pending ? "Préparation…" : "Télécharger pour Excel (CSV)"}
      </Button>
      {error ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
