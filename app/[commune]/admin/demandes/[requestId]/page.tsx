import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ReplyForm } from "@/app/_components/requests/reply-form";
import { RequestThread, statusTone } from "@/app/_components/requests/thread";
import { Alert, Badge, ButtonLink, Card, Main, PageTitle } from "@/app/_components/ui";
import { communeAccess, load } from "@/app/_lib/server";
import { formatInstant, todayIn } from "@/common/dates";
import { formatMoney } from "@/common/money";
import { AcceptForm, AssignForm, RefuseForm } from "./decision-forms";

export const metadata: Metadata = { title: "Demande" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function StaffRequestPage({ params }: { params: Promise<{ commune: string; requestId: string }> }) {
  const { commune, requestId } = await params;
  if (!UUID.test(requestId)) notFound();
  const [access, detail, staff] = await Promise.all([
    communeAccess(commune),
    load(commune, (api) => api.requests.staffDetail({ requestId })),
    load(commune, (api) => api.requests.assignable()),
  ]);
  const household = await load(commune, (api) => api.households.get({ householdId: detail.householdId }));
  const tz = access.tenant.timeZone;
  const field = (key: string) => detail.fields.find((f) => f.key === key)?.value;
  const today = todayIn(tz);
  const h = detail.household as { name: string; reference: string; addressLine?: string; postalCode?: string; city?: string };
  return (
    <Main>
      <p className="mb-2 text-sm">
        <Link href={`/${commune}/admin/demandes`} className="text-brand-700 underline underline-offset-4">
          ← Toutes les demandes
        </Link>
      </p>
      <PageTitle lead={`${h.name} (${h.reference}) · reçue le ${formatInstant(detail.createdAt, tz)}`}>{detail.categoryName}</PageTitle>
      <div className="grid gap-6 lg:grid-cols-[1fr_2fr]">
        <div className="space-y-6">
          <Card title="La demande">
            <p className="mb-3 flex flex-wrap gap-1">
              <Badge tone={statusTone(detail.status)}>{detail.statusLabel}</Badge>
              {detail.late ? <Badge tone="danger">En retard</Badge> : null}
            </p>
            {detail.dueAt ? <p className="mb-3 text-sm text-slate-600">Réponse visée avant le {formatInstant(detail.dueAt, tz)}</p> : null}
            <dl className="space-y-2 text-sm">
              <div>
                <dt className="font-medium text-slate-600">Famille</dt>
                <dd>
                  <Link href={`/${commune}/admin/familles/${detail.householdId}`} className="text-brand-700 underline underline-offset-4">
                    {h.name}
                  </Link>
                  {h.addressLine ? <span className="block text-slate-700">{`${h.addressLine}, ${h.postalCode} ${h.city}`}</span> : null}
                </dd>
              </div>
              {detail.invoice ? (
                <div>
                  <dt className="font-medium text-slate-600">Facture contestée</dt>
                  <dd>
                    <Link href={`/${commune}/admin/familles/${detail.householdId}/factures/${detail.invoice.id}`} className="text-brand-700 underline underline-offset-4">
                      {detail.invoice.number}
                    </Link>{" "}
                    ({formatMoney(detail.invoice.totalCents)})
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
                Avoir {detail.creditNote.number} de {formatMoney(detail.creditNote.amountCents)} émis depuis cette demande.
              </Alert>
            ) : null}
            {detail.certificate ? (
              <ButtonLink href={detail.certificate.url} prefetch={false} variant="secondary" className="mt-3">
                Attestation (PDF)
              </ButtonLink>
            ) : null}
          </Card>
          {detail.closed ? null : (
            <>
              <Card title="Confier">
                <AssignForm requestId={detail.id} current={detail.assigneeUserId} staff={staff} />
              </Card>
              <Card title="Accepter">
                <AcceptForm
                  requestId={detail.id}
                  kind={detail.categoryKind}
                  childOptions={household.children.map((c) => ({ id: c.id, name: `${c.firstName} ${c.lastName}` }))}
                  period={{ from: field("from") ?? `${today.slice(0, 4)}-01-01`, to: field("to") ?? today }}
                  invoiceTotalCents={detail.invoice?.totalCents ?? null}
                />
              </Card>
              <Card title="Refuser">
                <RefuseForm requestId={detail.id} />
              </Card>
            </>
          )}
        </div>
        <Card title="Échanges avec la famille et historique">
          <RequestThread detail={detail} viewer="staff" timeZone={tz} />
          {detail.closed ? null : (
            <div className="mt-6 border-t border-slate-100 pt-4">
              <h3 className="mb-2 font-semibold text-slate-900">Répondre à la famille</h3>
              <ReplyForm requestId={detail.id} side="staff" />
            </div>
          )}
        </Card>
      </div>
    </Main>
  );
}
