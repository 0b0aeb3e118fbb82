import type { Metadata } from "next";
import { MessageList } from "@/app/_components/requests/message-list";
import { FamilyMessageForm } from "@/app/_components/requests/write-message-form";
import { Card, Main, PageTitle } from "@/app/_components/ui";
import { communeAccess, load } from "@/app/_lib/server";
import { formatInstant } from "@/common/dates";

export const metadata: Metadata = { title: "Messages" };

export default async function FamilyMessagesPage({ params }: { params: Promise<{ commune: string }> }) {
  const { commune } = await params;
  const [access, list] = await Promise.all([communeAccess(commune), load(commune, (api) => api.messages.mine())]);
  const tz = access.tenant.timeZone;
  const unread = list.filter((m) => m.unread).length;
  return (
    <Main>
      <PageTitle lead={unread ? `${unread} message${unread > 1 ? "s" : ""} non lu${unread > 1 ? "s" : ""}.` : "Les messages de la mairie et les vôtres."}>Messages</PageTitle>
      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <Card title="Boîte de réception">
          <MessageList
            side="family"
            items={list.map((m) => ({
              id: m.id,
              subject: m.subject,
              body: m.body,
              sentAtLabel: formatInstant(m.sentAt, tz),
              fromLabel: m.direction === "to_family" ? `Mairie de ${access.tenant.name}` : "Vous",
              unread: m.unread,
            }))}
          />
        </Card>
        <Card title="Écrire à la mairie">
          <FamilyMessageForm />
        </Card>
      </div>
    </Main>
  );
}
