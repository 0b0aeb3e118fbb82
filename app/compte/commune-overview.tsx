import Link from "next/link";
import { load } from "@/app/_lib/server";
import { civilDateIn, formatDayLong, formatMonth, ofMonth } from "@/common/dates";
import { formatMoney } from "@/common/money";

const time = (instant: Date, timeZone: string) => new Intl.DateTimeFormat("fr-FR", { timeStyle: "short", timeZone }).format(instant);
const link = "font-semibold text-brand-700 underline underline-offset-4";

/**
 * A family's day-to-day in one commune, inside its card on `/compte`: the next booked days, what is
 * due, next month's booking deadlines and what waits for the town hall. Self-contained (it loads
 * its own figures) so that other widgets can sit beside it.
 */
export async function CommuneOverview({ slug, name }: { slug: string; name: string }) {
  const o = await load(slug, (api) => api.home.overview());
  const waiting = o.pendingEnrolments.length + o.pendingAbsences.length;
  return (
    <div className="mt-3 grid gap-3 text-sm">
      <section aria-label={`Prochains jours réservés à ${name}`}>
        <h3 className="font-semibold text-slate-900">Prochains jours réservés</h3>
        {o.nextDays.length ? (
          <ul className="mt-1 text-slate-700">
            {o.nextDays.map((d) => (
              <li key={`${d.date}-${d.childFirstName}-${d.activityName}`}>
                <span className="first-letter:uppercase">{formatDayLong(d.date)}</span> : {d.childFirstName}, {d.activityName}
                {d.held ? " (dans le panier)" : ""}
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-1 text-slate-600">
            Aucun jour réservé à venir. <Link href={`/${slug}/planning`} className={link}>Réserver</Link>
          </p>
        )}
      </section>
      <section aria-label={`À régler à ${name}`}>
        <h3 className="font-semibold text-slate-900">À régler</h3>
        <p className="mt-1 text-slate-700">
          {o.balanceCents > 0 ? (
            <>
              Solde dû : <span className="font-semibold">{formatMoney(o.balanceCents)}</span>.{" "}
              <Link href={`/${slug}/factures`} className={link}>Voir mes factures</Link>
            </>
          ) : o.balanceCents < 0 ? (
            `Rien à régler : ${formatMoney(-o.balanceCents)} de crédit sur votre compte famille.`
          ) : (
            "Rien à régler."
          )}
        </p>
        {o.basket ? (
          <p className="mt-1 text-slate-700">
            Panier : {o.basket.days} jour{o.basket.days > 1 ? "s" : ""}, {formatMoney(o.basket.totalCents)} à payer.{" "}
            <Link href={`/${slug}/panier`} className={link}>Payer mon panier</Link>
          </p>
        ) : null}
      </section>
      {o.deadlines.length ? (
        <section aria-label={`Dates limites à ${name}`}>
          <h3 className="font-semibold text-slate-900">Dates limites</h3>
          <ul className="mt-1 text-slate-700">
            {o.deadlines.map((d) => (
              <li key={d.activityName}>
                Réservations {ofMonth(formatMonth(d.month).replace(/ \d+$/, ""))} ({d.activityName}) : jusqu&apos;au {formatDayLong(civilDateIn(d.deadline, o.timeZone))} à{" "}
                {time(d.deadline, o.timeZone)} pour le {formatDayLong(d.firstDay).replace(/^\S+ /, "")}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {waiting ? (
        <section aria-label={`En attente à ${name}`}>
          <h3 className="font-semibold text-slate-900">En attente de la mairie</h3>
          <ul className="mt-1 text-slate-700">
            {o.pendingEnrolments.map((e) => (
              <li key={`${e.childFirstName}-${e.activityName}`}>
                Inscription de {e.childFirstName} : {e.activityName}. <Link href={`/${slug}/inscriptions`} className={link}>Voir</Link>
              </li>
            ))}
            {o.pendingAbsences.map((a) => (
              <li key={`${a.childFirstName}-${a.activityName}-${a.date}`}>
                Absence de {a.childFirstName} le {formatDayLong(a.date)} ({a.activityName}). <Link href={`/${slug}/absences`} className={link}>Voir</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
