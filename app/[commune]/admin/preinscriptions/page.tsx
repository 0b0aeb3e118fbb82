import type { Metadata } from "next";
import Link from "next/link";
import { Badge, Card, Main, PageTitle } from "@/app/_components/ui";
import { communeAccess, load } from "@/app/_lib/server";
import { formatInstant } from "@/common/dates";
import { messages } from "@/common/messages";

export const metadata: Metadata = { title: "Préinscriptions" };

const tabs = [
  ["submitted", "À examiner"],
  ["needs_document", "Pièce demandée"],
  ["accepted", "Acceptées"],
  ["merged", "Rattachées"],
  ["refused", "Refusées"],
] as const;
const tone = { submitted: "warning", needs_document: "neutral", accepted: "success", merged: "success", refused: "danger", draft: "neutral" } as const;

/** The staff queue of online pre-registrations. */
export default async function ApplicationsPage({ params, searchParams }: { params: Promise<{ commune: string }>; searchParams: Promise<{ statut?: string }> }) {
  const { commune } = await params;
  const { statut } = await searchParams;
  const status = tabs.find(([s]) => s === statut)?.[0] ?? "submitted";
  const [access, list] = await Promise.all([communeAccess(commune), load(commune, (api) => api.preregistration.list({ status }))]);
  return (
    <Main>
      <PageTitle lead="Les familles nouvelles qui se sont préinscrites en ligne : ouvrez une demande pour voir ses pièces et décider.">Préinscriptions</PageTitle>
      <nav aria-label="Statut" className="mb-4 flex flex-wrap gap-2">
        {tabs.map(([s, label]) => (
          <Link key={s} href={`/${commune}/admin/preinscriptions?statut=${s}`} aria-current={s === status ? "page" : undefined} className="min-h-11 rounded-full border border-slate-300 bg-white px-4 py-2.5 text-sm font-semibold aria-[current=page]:border-brand-700 aria-[current=page]:bg-brand-700 aria-[current=page]:text-white">
            {label}
          </Link>
        ))}
        {access.staffRoles.includes("admin") ? (
          <Link href={`/${commune}/admin/preinscriptions/pieces`} className="min-h-11 px-2 py-2.5 text-sm font-semibold text-brand-700 underline underline-offset-4">
            Pièces demandées aux familles
          </Link>
        ) : null}
      </nav>
      <Card>
        {list.length === 0 ? <p className="text-sm text-slate-600">Aucune préinscription dans cette liste.</p> : null}
        <ul className="divide-y divide-slate-100">
          {list.map((a) => (
            <li key={a.id} className="flex flex-wrap items-center justify-between gap-3 py-3 text-sm">
              <span className="min-w-0">
                <Link href={`/${commune}/admin/preinscriptions/${a.id}`} className="font-semibold text-brand-700 underline underline-offset-4">
                  {a.householdName || "Foyer sans nom"}
                </Link>
                <span className="block break-all text-slate-600">
                  {a.children.join(", ") || "aucun enfant"} · {a.email}
                </span>
                {a.submittedAt ? <span className="block text-xs text-slate-600">Envoyée le {formatInstant(a.submittedAt, access.tenant.timeZone)}</span> : null}
              </span>
              <Badge tone={tone[a.status]}>{messages.preregistration.statusLabels[a.status]}</Badge>
            </li>
          ))}
        </ul>
      </Card>
    </Main>
  );
}
