"use client";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { FileField } from "@/app/_components/file-field";
import { TableScroll } from "@/app/_components/table-scroll";
import { Alert, Button, Card } from "@/app/_components/ui";
import { messages } from "@/common/messages";
import type { ImportReport } from "@/server/domain/family/import/import-families";

const MAX_BYTES = 10 * 1024 * 1024;

type Step = { file: File; etape: "apercu" | "importer"; lignes?: "toutes" | "valides" };

/** The file goes to the import route as the request body, streamed there (never through tRPC). */
async function sendImport(commune: string, { file, etape, lignes = "toutes" }: Step): Promise<ImportReport> {
  let response: Response;
  try {
    response = await fetch(`/api/familles/${commune}/import?etape=${etape}&lignes=${lignes}`, {
      method: "POST",
      body: file,
      headers: { "content-type": "text/csv" },
    });
  } catch {
    throw new Error(messages.familyImport.failed);
  }
  const answer = (await response.json().catch(() => ({}))) as ImportReport & { message?: string };
  if (!response.ok) throw new Error(answer.message ?? messages.familyImport.failed);
  return answer;
}
const plural = (n: number, one: string, many: string) => `${n.toLocaleString("fr-FR")} ${n > 1 ? many : one}`;

function Counts({ report, done }: { report: ImportReport; done: boolean }) {
  const f = report.families;
  const c = report.children;
  return (
    <ul className="mb-4 list-disc pl-5 text-sm">
      <li>
        Familles : {plural(f.created, done ? "créée" : "à créer", done ? "créées" : "à créer")}, {plural(f.updated, done ? "mise à jour" : "à mettre à jour", done ? "mises à jour" : "à mettre à jour")},{" "}
        {plural(f.unchanged, "inchangée", "inchangées")}
      </li>
      <li>
        Enfants : {plural(c.created, done ? "créé" : "à créer", done ? "créés" : "à créer")}, {plural(c.updated, done ? "mis à jour" : "à mettre à jour", done ? "mis à jour" : "à mettre à jour")},{" "}
        {plural(c.unchanged, "inchangé", "inchangés")}
      </li>
      <li>
        Lignes lues : {report.rows.total.toLocaleString("fr-FR")} · lignes en erreur : {report.rows.rejected.toLocaleString("fr-FR")}
      </li>
    </ul>
  );
}

function Issues({ report }: { report: ImportReport }) {
  if (!report.issues.length) return null;
  return (
    <>
      <TableScroll label="Lignes en erreur">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Lignes en erreur</caption>
          <thead className="border-b border-slate-200 text-slate-600">
            <tr>
              <th scope="col" className="py-2 pr-4 font-medium">Ligne</th>
              <th scope="col" className="py-2 pr-4 font-medium">Colonne</th>
              <th scope="col" className="py-2 font-medium">Erreur</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {report.issues.map((i, k) => (
              <tr key={k}>
                <td className="py-2 pr-4">{i.line}</td>
                <td className="py-2 pr-4 font-mono text-xs">{i.column ?? "—"}</td>
                <td className="py-2">{i.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {report.issueCount > report.issues.length ? <p className="mt-2 text-sm">… et {report.issueCount - report.issues.length} autres erreurs.</p> : null}
    </>
  );
}

export function ImportForm({ commune }: { commune: string }) {
  const preview = useMutation({ mutationFn: (step: Step) => sendImport(commune, step) });
  const run = useMutation({ mutationFn: (step: Step) => sendImport(commune, step) });
  const [file, setFile] = useState<File | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const error = localError ?? preview.error?.message ?? run.error?.message;

  if (run.isSuccess) {
    return (
      <Card title={run.data.written ? "Import terminé" : "Rien n'a été importé"}>
        <Counts report={run.data} done={run.data.written} />
        <Issues report={run.data} />
        <Link href={`/${commune}/admin/familles`} className="font-semibold text-brand-700 underline underline-offset-4">
          Voir les familles
        </Link>
      </Card>
    );
  }
  const report = preview.data;
  return (
    <div className="grid grid-cols-1 gap-6">
      <Card title="1. Choisir le fichier">
        <FileField
          label="Fichier CSV"
          name="file"
          accept=".csv,text/csv"
          hint="Export de l'ancien logiciel : UTF-8, séparateur « ; » ou « , », 10 Mo au plus. Colonnes : voir la documentation d'import."
          error={error}
          onChange={async (event) => {
            const chosen = event.target.files?.[0];
            setLocalError(null);
            preview.reset();
            setFile(null);
            if (!chosen) return;
            if (chosen.size > MAX_BYTES) return setLocalError(`${messages.fields.file} : ${messages.familyImport.tooLarge(10)}`);
            setFile(chosen);
            preview.mutate({ file: chosen, etape: "apercu" });
          }}
        />
        {preview.isPending ? <p className="text-sm" aria-live="polite">Lecture du fichier…</p> : null}
      </Card>
      {report && file ? (
        <Card title="2. Vérifier l'aperçu">
          <Counts report={report} done={false} />
          {report.issueCount ? <Alert tone="warning">{messages.familyImport.errorsRemain}</Alert> : <Alert tone="success">Aucune erreur : le fichier peut être importé.</Alert>}
          <Issues report={report} />
          <div className="mt-4 flex flex-wrap gap-2">
            {report.issueCount === 0 ? (
              <Button type="button" disabled={run.isPending} onClick={() => run.mutate({ file, etape: "importer" })}>
                Importer
              </Button>
            ) : (
              <Button type="button" variant="secondary" disabled={run.isPending} onClick={() => run.mutate({ file, etape: "importer", lignes: "valides" })}>
                Importer seulement les familles sans erreur
              </Button>
            )}
          </div>
        </Card>
      ) : null}
    </div>
  );
}
