import type { Metadata } from "next";
import { Main, PageTitle } from "@/app/_components/ui";
import { communeAccess } from "@/app/_lib/server";
import { BasketView } from "./basket-view";

export const metadata: Metadata = { title: "Panier" };

export default async function BasketPage({ params }: { params: Promise<{ commune: string }> }) {
  const { commune } = await params;
  const access = await communeAccess(commune);
  return (
    <Main>
      <PageTitle lead="Vos réservations sont confirmées dès que le paiement est accepté.">Mon panier</PageTitle>
      <BasketView commune={commune} timeZone={access.tenant.timeZone} onlinePayments={access.onlinePayments} />
    </Main>
  );
}
