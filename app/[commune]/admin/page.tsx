import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { SetupChecklist } from "@/app/_components/dashboard/setup-checklist";
import { mealsLabel, TodayFigures } from "@/app/_components/dashboard/today";
import { Badge, Main, PageTitle } from "@/app/_components/ui";
import { communeAccess, load } from "@/app/_lib/server";
import type { BillingFigures, OwingHousehold } from "@/server/domain/dashboard/dashboard";
import { formatDayHeading, formatInstant, formatMonth } from "@/common/dates";
import { formatMoney } from "@/common/money";
import { messages } from "@/common/messages";

export const metadata: Metadata = { title: "Tableau de bord" };

const linkStyle = "inline-flex min-h-11 items-center text-sm font-semibold text-brand-700 underline underline-offset-4 hover:text-brand-800";

/** A titled box of the dashboard: one figure, what it means, and the link to where it is handled. */
function Tile({ title, value, children, attention = false }: { title: string; value?: ReactNode; children?: ReactNode; attention?: boolean }) {
  return (
    <section className={`min-w-0 rounded-xl border bg-white p-5 shadow-sm ${attention ? "border-amber-300 ring-1 ring-amber-200" : "border-slate-200"}`}>
      <h3 className="text-base font-semibold text-slate-900">{title}</h3>
      {value !== undefined ? <p className="mt-1 text-3xl font-bold tabular-nums text-slate-900">{value}</p> : null}
      {children}
    </section>
  );
}

function Section({ id, title, lead, children }: { id: string; title: string; lead?: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="mb-10">
      <h2 id={id} className="text-xl font-semibold text-slate-900">
        {title}
      </h2>
      {lead ? <p className="mt-1 text-sm text-slate-600">{lead}</p> : null}
      <div className="mt-4">{children}</div>
    </section>
  );
}

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

function HouseholdList<H extends OwingHousehold>({ commune, households, amount }: { commune: string; households: H[]; amount: (h: H) => number }) {
  if (!households.length) return null;
  return (
    <ul className="mt-3 divide-y divide-slate-100 text-sm">
      {households.map((h) => (
        <li key={h.id} className="flex flex-wrap items-center justify-between gap-x-3">
          <Link href={`/${commune}/admin/familles/${h.id}`} className={linkStyle}>
            {h.name}
            <span className="sr-only"> ({h.reference})</span>
          </Link>
          <span className="tabular-nums text-slate-800">{formatMoney(amount(h))}</span>
        </li>
      ))}
    </ul>
  );
}

function BillingTiles({ commune, billing, isAdmin, timeZone }: { commune: string; billing: BillingFigures; isAdmin: boolean; timeZone: string }) {
  const { unpaid, latestRun, baskets, debtBlock } = billing;
  const more = (count: number, shown: number) =>
    count > shown ? <p className="mt-1 text-xs text-slate-600">{`et ${plural(count - shown, "autre famille", "autres familles")}`}</p> : null;
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Tile title="Factures à régler" value={unpaid.count} attention={unpaid.count > 0}>
        <p className="text-sm text-slate-700">
          {unpaid.count === 0 ? "Toutes les factures émises sont réglées." : `${formatMoney(unpaid.dueCents)} restant dû au total`}
        </p>
        <HouseholdList commune={commune} households={unpaid.households} amount={(h) => h.dueCents} />
        {more(unpaid.householdCount, unpaid.households.length)}
        <Link href={`/${commune}/admin/familles`} className={`${linkStyle} mt-2`}>
          Voir les familles pour encaisser un règlement
        </Link>
      </Tile>
      {billing.invoiceMode ? (
        <Tile title="Dernière campagne de factures">
          {latestRun ? (
            <>
              <p className="mt-1 flex flex-wrap items-center gap-2">
                <span className="text-xl font-bold capitalize text-slate-900">{formatMonth(latestRun.period)}</span>
                <Badge tone={latestRun.status === "issued" ? "success" : "warning"}>{messages.billing.runStatuses[latestRun.status]}</Badge>
              </p>
              <p className="text-sm text-slate-700">
                {plural(latestRun.invoiceCount, "facture", "factures")} · {formatMoney(latestRun.totalCents)}
                {latestRun.issuedAt ? ` · émise le ${formatInstant(latestRun.issuedAt, timeZone)}` : ""}
              </p>
            </>
          ) : (
            <p className="mt-1 text-sm text-slate-700">Aucune campagne émise pour l&apos;instant.</p>
          )}
          {isAdmin ? (
            <Link href={`/${commune}/admin/facturation`} className={`${linkStyle} mt-2`}>
              Préparer ou reprendre une campagne
            </Link>
          ) : null}
        </Tile>
      ) : null}
      {baskets ? (
        <Tile title="Paniers en attente de paiement" value={baskets.count}>
          <p className="text-sm text-slate-700">
            {baskets.count === 0
              ? "Aucune réservation en attente de paiement."
              : `${formatMoney(baskets.amountCents)} de réservations retenues jusqu'au paiement`}
          </p>
        </Tile>
      ) : null}
      {debtBlock ? (
        <Tile title="Réservations bloquées pour impayés" value={debtBlock.count} attention={debtBlock.count > 0}>
          <p className="text-sm text-slate-700">
            {debtBlock.count === 0
              ? `Aucune famille ne doit plus de ${formatMoney(debtBlock.thresholdCents)}.`
              : debtBlock.count === 1
                ? `1 famille doit plus de ${formatMoney(debtBlock.thresholdCents)} : elle ne peut plus réserver en ligne.`
                : `${debtBlock.count} familles doivent plus de ${formatMoney(debtBlock.thresholdCents)} : elles ne peuvent plus réserver en ligne.`}
          </p>
          <HouseholdList commune={commune} households={debtBlock.households} amount={(h) => h.balanceCents} />
          {more(debtBlock.count, debtBlock.households.length)}
          {isAdmin ? (
            <Link href={`/${commune}/admin/facturation#impayes`} className={`${linkStyle} mt-2`}>
              Modifier le seuil d&apos;impayés
            </Link>
          ) : null}
        </Tile>
      ) : null}
    </div>
  );
}

export default async function AdminHome({ params }: { params: Promise<{ commune: string }> }) {
  const { commune } = await params;
  const [access, board] = await Promise.all([communeAccess(commune), load(commune, (api) => api.dashboard.get())]);
  const isAdmin = access.staffRoles.includes("admin");
  const { toDo, billing } = board;
  const requests = toDo ? await load(commune, (api) => api.requests.counts()) : null;
  return (
    <Main>
      <PageTitle lead={`${access.tenant.name} · ${formatDayHeading(board.today)}`}>Tableau de bord</PageTitle>
      {isAdmin ? <SetupChecklist commune={commune} /> : null}

      {toDo ? (
        <Section id="a-traiter" title="À traiter">
          <div className="grid gap-4 sm:grid-cols-2">
            <Tile title="Demandes d'inscription" value={toDo.pendingEnrolments} attention={toDo.pendingEnrolments > 0}>
              <p className="text-sm text-slate-700">{toDo.pendingEnrolments === 0 ? "Aucune demande en attente." : "en attente d'une décision"}</p>
              <Link href={`/${commune}/admin/inscriptions`} className={`${linkStyle} mt-2`}>
                Traiter les demandes d&apos;inscription
              </Link>
            </Tile>
            <Tile title="Absences signalées" value={toDo.pendingAbsences} attention={toDo.pendingAbsences > 0}>
              <p className="text-sm text-slate-700">{toDo.pendingAbsences === 0 ? "Aucune absence à examiner." : "à excuser ou refuser"}</p>
              <Link href={`/${commune}/admin/absences`} className={`${linkStyle} mt-2`}>
                Examiner les absences signalées
              </Link>
            </Tile>
            {requests ? (
              <Tile title="Demandes des familles" value={requests.waiting} attention={requests.late > 0}>
                <p className="text-sm text-slate-700">
                  {requests.waiting === 0 ? "Aucune demande en attente de la mairie." : `en attente de la mairie, dont ${requests.late} en retard`}
                </p>
                <Link href={`/${commune}/admin/demandes${requests.late ? "?retard=1" : ""}`} className={`${linkStyle} mt-2`}>
                  Traiter les demandes des familles
                </Link>
              </Tile>
            ) : null}
            <Tile title="Préinscriptions" value={toDo.pendingApplications} attention={toDo.pendingApplications > 0}>
              <p className="text-sm text-slate-700">{toDo.pendingApplications === 0 ? "Aucune préinscription en attente." : "de familles nouvelles, à examiner"}</p>
              <Link href={`/${commune}/admin/preinscriptions`} className={`${linkStyle} mt-2`}>
                Examiner les préinscriptions
              </Link>
            </Tile>
          </div>
        </Section>
      ) : null}

      <Section id="aujourdhui" title="Aujourd'hui" lead="Les activités ouvertes ce jour, d'après le calendrier de la commune.">
        {board.activities.length === 0 ? (
          <p className="rounded-xl border border-slate-200 bg-white p-5 text-sm text-slate-700 shadow-sm">Aucune activité n&apos;a lieu aujourd&apos;hui.</p>
        ) : (
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {board.activities.map((a) => (
              <li key={a.id} className="flex min-w-0 flex-col rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
                <h3 className="text-base font-semibold text-slate-900">{a.name}</h3>
                <p className="mb-3 text-sm text-slate-600">{a.siteName}</p>
                <TodayFigures activity={a} />
                <Link href={`/${commune}/site/${a.siteId}?date=${board.today}`} className={`${linkStyle} mt-auto pt-2`}>
                  Liste et pointage : {a.name}
                </Link>
              </li>
            ))}
          </ul>
        )}
        <p className="mt-4 flex flex-wrap items-center gap-x-4 rounded-xl border border-slate-200 bg-white px-5 py-3 text-sm shadow-sm">
          <span className="font-semibold text-slate-900">{mealsLabel(board.mealsToday)}</span>
          <Link href={`/${commune}/admin/repas?du=${board.today}&au=${board.today}`} className={linkStyle}>
            Repas du jour par site et régimes
          </Link>
        </p>
      </Section>

      {billing ? (
        <Section id="facturation" title="Facturation">
          <BillingTiles commune={commune} billing={billing} isAdmin={isAdmin} timeZone={access.tenant.timeZone} />
        </Section>
      ) : null}
    </Main>
  );
}
