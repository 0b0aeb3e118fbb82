import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ReplyForm } from "@/app/_components/requests/reply-form";
import { RequestThread, statusTone } from "@/app/_components/requests/thread";
import { Alert, Badge, ButtonLink, Card, Main, PageTitle } from "@/app/_components/ui";
import { communeAccess, load } from "@/app/_lib/server";
import { formatInstant } from "@/common/dates";
import { formatMoney } from "@/common/money";

export const metadata: Metadata = { title: "Ma demande" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function RequestPage({ params, searchParams }: { params: Promise<{ commune: string; requestId: string }>; searchParams: Promise<{ envoyee?: string }> }) {
  const { commune, requestId } = await params;
  if (!UUID.test(requestId)) notFound();
  const [access, detail] = await Promise.all([communeAccess(commune), load(commune, (api) => api.requests.detail({ requestId }))]);
  const sent = (await searchParams).envoyee === "1";
  const tz = access.tenant.timeZone;
  return (
    <Main>
      <p className="mb-2 text-sm">
        <Link href={`/${commune}/demandes`} className="text-brand-700 underline underline-offset-4">
          ← Mes demandes
        </Link>
      </p>
      <PageTitle lead={`Envoyée le ${formatInstant(detail.createdAt, tz)}`}>{detail.categoryName}</PageTitle>
      {sent ? <Alert tone="success">Demande envoyée : la mairie vous répondra ici, et vous recevrez un e-mail à chaque étape.</Alert> : null}
      <div className="grid gap-6 lg:grid-cols-[1fr_2fr]">
        <Card title="Ma demande">
          <p className="mb-3">
            <Badge tone={statusTone(detail.status)}>{detail.statusLabel}</Badge>
          </p>
          {detail.refusalReason ? <p className="mb-3 text-sm text-slate-800">Motif du refus : {detail.refusalReason}</p> : null}
          <dl className="space-y-2 text-sm">
            {detail.invoice ? (
              <div>
                <dt className="font-medium text-slate-600">Facture</dt>
                <dd>
                  <Link href={`/${commune}/factures/${detail.invoice.id}`} className="text-brand-700 underline underline-offset-4">
                    {detail.invoice.number}
                  </Link>
                </dd>
              </div>
            ) : null}
            {detail.fields.map((f) => (
              <div key={f.key}>
                <dt className="font-medium text-slate-600">{f.label}</dt>
                <dd className="whitespace-pre-line text-slate-900">{f.value}</dd>
              </div>
            ))}
          </dl>
          {detail.creditNote ? (
            <Alert tone="success">
              Avoir {detail.creditNote.number} de {formatMoney(detail.creditNote.amountCents)} émis : il est déduit de ce que vous devez.
            </Alert>
          ) : null}
          {detail.certificate ? (
            <ButtonLink href={detail.certificate.url} prefetch={false} className="mt-3">
              Télécharger l&apos;attestation (PDF)
            </ButtonLink>
          ) : null}
        </Card>
        <Card title="Échanges avec la mairie">
          <RequestThread detail={detail} viewer="family" timeZone={tz} />
          {detail.closed ? (
            <p className="mt-4 text-sm text-slate-600">Cette demande est close. Pour autre chose, envoyez une nouvelle demande.</p>
          ) : (
            <div className="mt-6 border-t border-slate-100 pt-4">
              <h3 className="mb-2 font-semibold text-slate-900">Répondre</h3>
              <ReplyForm requestId={detail.id} side="family" />
            </div>
          )}
        </Card>
      </div>
    </Main>
  );
}
