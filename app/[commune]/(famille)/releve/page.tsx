import type { Metadata } from "next";
import { MonthInProgress } from "@/app/_components/billing/month-in-progress";
import { StatementTable } from "@/app/_components/billing/statement-table";
import { Card, Main, PageTitle } from "@/app/_components/ui";
import { communeAccess, load } from "@/app/_lib/server";

export const metadata: Metadata = { title: "Relevé de compte" };

export default async function StatementPage({ params }: { params: Promise<{ commune: string }> }) {
  const { commune } = await params;
  const [statement, access] = await Promise.all([load(commune, (api) => api.payments.myStatement()), communeAccess(commune)]);
  return (
    <Main>
      <PageTitle lead="Vos factures, avoirs et paiements, avec le solde après chacun.">Relevé de compte</PageTitle>
      <div className="grid gap-6">
        <Card>
          <StatementTable lines={statement.lines} balanceCents={statement.balanceCents} timeZone={access.tenant.timeZone} />
        </Card>
        <MonthInProgress commune={commune} />
      </div>
    </Main>
  );
}
