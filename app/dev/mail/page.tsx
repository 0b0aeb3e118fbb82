import type { Metadata } from "next";
import Link from "next/link";
import { SiteHeader } from "@/app/_components/site-header";
import { Card, Main, PageTitle } from "@/app/_components/ui";
import { load } from "@/app/_lib/server";
import { formatInstant } from "@/common/dates";

export const metadata: Metadata = { title: "Boîte de réception locale" };
export const dynamic = "force-dynamic";

export default async function DevMailbox({ searchParams }: { searchParams: Promise<{ id?: string }> }) {
  const { id } = await searchParams;
  const mails = await load(undefined, (api) => api.dev.mailbox());
  const open = id && /^[0-9a-f-]{36}$/.test(id) ? await load(undefined, (api) => api.dev.mail({ id })) : null;
  return (
    <>
      <SiteHeader title="Boîte de réception locale" titleHref="/dev/mail" />
      <Main>
        <PageTitle lead="Les e-mails que Récré enverrait : ici parce qu'aucune clé Resend n'est configurée.">Boîte de réception</PageTitle>
        <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
          <Card>
            {mails.length === 0 ? <p className="text-sm text-slate-600">Aucun e-mail pour le moment.</p> : null}
            <ul className="divide-y divide-slate-100 text-sm">
              {mails.map((m) => (
                <li key={m.id}>
                  <Link href={`/dev/mail?id=${m.id}`} aria-current={m.id === open?.id ? "true" : undefined} className="block py-3 hover:bg-slate-50 aria-[current=true]:bg-brand-50">
                    <span className="block font-medium">{m.subject}</span>
                    <span className="block text-slate-600">
                      À {m.to} · {formatInstant(m.createdAt)} · {m.status === "sent" ? "envoyé" : "en attente"}
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          </Card>
          {open ? (
            <Card title={open.subject}>
              <p className="mb-3 text-sm text-slate-600">À {open.to}</p>
              <iframe title={`Contenu de l'e-mail : ${open.subject}`} srcDoc={open.html} sandbox="allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation" className="h-[560px] w-full rounded border border-slate-200" />
            </Card>
          ) : null}
        </div>
      </Main>
    </>
  );
}
