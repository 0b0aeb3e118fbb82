"use client";
import { useQuery, useQueryClient, useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert, Button, Card, inputClass } from "@/app/_components/ui";
import { useConfirm } from "@/app/_components/confirm-dialog";
import { useTRPC } from "@/app/_lib/trpc";
import { formatMoney } from "@/common/money";

type Mode = "advance" | "arrears";

const count = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

/** Preview, then issue household by household in batches, with a progress bar. */
export function InvoiceRunPanel({ defaultPeriod, defaultMode = "advance" }: { defaultPeriod: string; defaultMode?: Mode }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [period, setPeriod] = useState(defaultPeriod);
  const [mode, setMode] = useState<Mode>(defaultMode);
  const [asked, setAsked] = useState<{ period: string; mode: Mode } | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number; finished: boolean; totalCents: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const preview = useQuery({ ...trpc.invoices.previewRun.queryOptions(asked ?? { period, mode }), enabled: asked !== null, staleTime: 0 });
  const batch = useMutation(trpc.invoices.issueBatch.mutationOptions());
  const [confirm, dialog] = useConfirm();

  async function issue() {
    if (!asked || !preview.data) return;
    const invoices = count(preview.data.invoiceCount, "facture", "factures");
    const question = {
      title: `Émettre ${invoices} pour ${preview.data.periodLabel} ?`,
      text: "Une facture émise ne peut plus être modifiée : une erreur se corrige ensuite par un avoir.",
      confirmLabel: `Émettre ${invoices}`,
    };
    if (!(await confirm(question))) return;
    setError(null);
    const before = preview.data.invoiceCount;
    setProgress({ done: 0, total: before, finished: false, totalCents: 0 });
    try {
      let runId: string | undefined;
      for (;;) {
        const step = await batch.mutateAsync({ ...asked, runId });
        runId = step.runId;
        setProgress({ done: step.invoiceCount, total: step.invoiceCount + step.remaining, finished: step.done, totalCents: step.totalCents });
        if (step.done) break;
      }
      await queryClient.invalidateQueries({ queryKey: trpc.invoices.previewRun.queryKey() });
      router.refresh();
    } catch (e) {
      setError(e instanceof Error ? e.message : "L'émission s'est interrompue : relancez-la, les factures déjà émises ne seront pas refaites.");
    }
  }

  const percent = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : progress?.finished ? 100 : 0;
  return (
    <Card title="Nouvelle campagne">
      <form
        className="flex flex-wrap items-end gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          setProgress(null);
          setAsked({ period, mode });
        }}
      >
        <div>
          <label htmlFor="periode" className="mb-1 block text-sm font-medium text-slate-800">
            Mois facturé
          </label>
          <input
            id="periode"
            type="month"
            required
            value={period}
            onChange={(e) => setPeriod(e.target.value)}
            className={`${inputClass()} sm:w-56`}
          />
        </div>
        <fieldset>
          <legend className="mb-1 block text-sm font-medium text-slate-800">Mode</legend>
          <div className="flex flex-wrap gap-3">
            {(
              [
                ["advance", "À l'avance (réservations du mois)"],
                ["arrears", "À terme échu (présences du mois)"],
              ] as const
            ).map(([value, label]) => (
              <label key={value} className="flex min-h-11 items-center gap-2 text-sm">
                <input type="radio" name="mode" value={value} checked={mode === value} onChange={() => setMode(value)} className="h-4 w-4" />
                {label}
              </label>
            ))}
          </div>
        </fieldset>
        <Button type="submit" variant="secondary" disabled={preview.isFetching}>
          {preview.isFetching ? "Calcul…" : "Prévisualiser"}
        </Button>
      </form>

      {preview.error ? <div className="mt-4"><Alert tone="error">{preview.error.message}</Alert></div> : null}
      {error ? <div className="mt-4"><Alert tone="error">{error}</Alert></div> : null}

      {/* Once issued, the preview would only say "nothing left to bill": the result below says what was done. */}
      {preview.data && asked && !progress?.finished ? (
        <div className="mt-6">
          <p className="mb-3 text-sm" role="status">
            {preview.data.periodLabel} : <strong>{count(preview.data.invoiceCount, "facture", "factures")}</strong>, {count(preview.data.lineCount, "ligne", "lignes")}, total{" "}
            <strong>{formatMoney(preview.data.totalCents)}</strong>.
          </p>
          {preview.data.warnings.length ? (
            <Alert tone="warning">
              <p className="font-semibold">À vérifier avant d&apos;émettre :</p>
              <ul className="mt-1 list-disc pl-5">
                {preview.data.warnings.slice(0, 50).map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
              {preview.data.warnings.length > 50 ? <p>… et {count(preview.data.warnings.length - 50, "autre", "autres")}.</p> : null}
            </Alert>
          ) : null}
          {preview.data.households.length ? (
            <div className="mb-4 max-h-96 overflow-auto rounded-lg border border-slate-200">
              <table className="w-full min-w-[30rem] text-left text-sm">
                <caption className="sr-only">Factures prévues</caption>
                <thead className="sticky top-0 bg-slate-50 text-slate-600">
                  <tr>
                    <th scope="col" className="px-3 py-2 font-medium">Famille</th>
                    <th scope="col" className="px-3 py-2 text-right font-medium">Lignes</th>
                    <th scope="col" className="px-3 py-2 text-right font-medium">Solde antérieur</th>
                    <th scope="col" className="px-3 py-2 text-right font-medium">Facture</th>
                    <th scope="col" className="px-3 py-2 text-right font-medium">À payer</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {preview.data.households.map((h) => (
                    <tr key={h.householdId}>
                      <td className="px-3 py-2">
                        <details>
                          <summary className="cursor-pointer">
                            <span className="font-medium">{h.name}</span> <span className="text-slate-600">({h.reference})</span>
                            <span className="sr-only"> : voir les lignes</span>
                          </summary>
                          <ul className="mt-1 grid gap-0.5 text-xs text-slate-700" aria-label={`Lignes de la facture de ${h.name}`}>
                            {h.lines.map((l, i) => (
                              <li key={i}>
                                {l.childName} · {l.label} × {l.quantity} : {formatMoney(l.amountCents)}
                              </li>
                            ))}
                          </ul>
                        </details>
                      </td>
                      <td className="px-3 py-2 text-right tabular-nums">{h.lines.length}</td>
                      <td className="px-3 py-2 text-right tabular-nums">{formatMoney(h.previousBalanceCents)}</td>
                      <td className="px-3 py-2 text-right tabular-nums">{formatMoney(h.totalCents)}</td>
                      <td className="px-3 py-2 text-right font-semibold tabular-nums">{formatMoney(h.toPayCents)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="mb-4 text-sm text-slate-600">Rien à facturer pour ce mois et ce mode (ou tout est déjà facturé).</p>
          )}
          {preview.data.households.length ? (
            <Button onClick={issue} disabled={batch.isPending || (progress !== null && !progress.finished && !error)}>
              Émettre les factures
            </Button>
          ) : null}
        </div>
      ) : null}

      {progress ? (
        <div className="mt-4">
          <label htmlFor="progression" className="mb-1 block text-sm font-medium">
            {progress.finished ? "Émission terminée" : "Émission en cours…"} ({progress.done} / {progress.total})
          </label>
          <progress id="progression" max={100} value={percent} className="h-3 w-full" aria-valuetext={`${percent} %`}>
            {percent} %
          </progress>
          {progress.finished ? (
            <Alert tone="success">
              {count(progress.done, "facture émise", "factures émises")}, {formatMoney(progress.totalCents)} au total. Les familles qui ont choisi l&apos;e-mail sont prévenues.
            </Alert>
          ) : null}
        </div>
      ) : null}
      {dialog}
    </Card>
  );
}
