import Link from "next/link";

/** "Je ne trouve pas ma facture": the usual causes, in a disclosure. */
export function MissingInvoiceHelp({ commune, billingModes }: { commune: string; billingModes: { prepaid: boolean; invoice: boolean } }) {
  return (
    <details className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <summary className="min-h-11 cursor-pointer font-semibold text-slate-900">Je ne trouve pas ma facture</summary>
      <ul className="mt-3 list-disc space-y-2 pl-5 text-sm text-slate-700">
        <li>
          Elle est peut-être masquée :{" "}
          <Link href={`/${commune}/factures?masquees=1`} className="font-semibold text-brand-700 underline underline-offset-4">
            affichez les factures masquées
          </Link>
          .
        </li>
        {billingModes.invoice ? (
          <li>
            Les factures sont émises en fin de mois (vers le 27 pour le mois suivant, ou vers le 15 pour le mois passé) : celle du mois en cours
            n&apos;est peut-être pas encore émise.
          </li>
        ) : null}
        {billingModes.prepaid ? (
          <li>
            Chaque panier payé en ligne donne une facture, déjà réglée, rangée dans « Factures payées » : un panier qui n&apos;a pas été payé n&apos;en donne
            pas.
          </li>
        ) : null}
        <li>
          Si vous recevez vos factures par courrier, elles figurent aussi ici. Si vous avez choisi l&apos;e-mail, vérifiez vos courriers indésirables :
          le message « Votre facture est disponible sur le Portail Familles » ne contient pas la facture, seulement un lien vers ce portail.
        </li>
        <li>Sinon, contactez le service enfance de votre mairie (accueil ou guichet unique), avec votre référence famille.</li>
      </ul>
    </details>
  );
}
