import { DownloadButton } from "@/app/_components/download-button";
import { Badge, Card } from "@/app/_components/ui";
import { load } from "@/app/_lib/server";
import { formatDate, formatInstantDay } from "@/common/dates";
import { formatMoney } from "@/common/money";
import { ReissueCertificateButton } from "./reissue-certificate-button";

/** The family's direct-debit mandate and tax certificates, as the front desk sees them. */
export async function HouseholdCollection({ commune, householdId, timeZone }: { commune: string; householdId: string; timeZone: string }) {
  const [mandate, certificates] = await Promise.all([
    load(commune, (api) => api.collection.householdMandate({ householdId })),
    load(commune, (api) => api.collection.householdCertificates({ householdId })),
  ]);
  const years = [...new Set([certificates.lastYear, ...certificates.certificates.map((c) => c.year)])].sort((a, b) => b - a);
  return (
    <Card title="Prélèvement et attestations fiscales">
      <p className="mb-3 text-sm text-slate-700">
        {mandate.active
          ? `Mandat ${mandate.active.rum} signé le ${formatDate(mandate.active.signatureDate)} (${mandate.active.holderName}, ${mandate.active.ibanMasked}) : les factures sont prélevées.`
          : mandate.offered
            ? "Pas de mandat de prélèvement : la famille peut en signer un depuis son espace (« Prélèvement »)."
            : "Le prélèvement n'est pas proposé par la commune."}
      </p>
      <ul className="divide-y divide-slate-100 text-sm">
        {years.map((year) => {
          const list = certificates.certificates.filter((c) => c.year === year);
          return (
            <li key={year} className="py-2">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <span className="font-medium">Attestation {year}</span>
                <ReissueCertificateButton householdId={householdId} year={year} exists={list.length > 0} />
              </div>
              {list.map((c) => (
                <div key={c.id} className="mt-1 flex flex-wrap items-center gap-2">
                  <span>
                    n° {c.number} du {formatInstantDay(c.issuedAt, timeZone)} : {formatMoney(c.totalCents)}
                  </span>
                  {c.status === "replaced" ? <Badge>remplacée</Badge> : <Badge tone="success">en vigueur</Badge>}
                  <DownloadButton href={`/api/attestations/${commune}/${c.id}/pdf`} fallbackName={`attestation-${year}.pdf`} variant="secondary">
                    PDF
                  </DownloadButton>
                </div>
              ))}
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
