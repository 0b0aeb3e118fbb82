import type { Metadata } from "next";
import { MessageList } from "@/app/_components/requests/message-list";
import { StaffMessageForm } from "@/app/_components/requests/write-message-form";
import { Card, Main, PageTitle } from "@/app/_components/ui";
import { communeAccess, load } from "@/app/_lib/server";
import { formatInstant } from "@/common/dates";

export const metadata: Metadata = { title: "Messages aux familles" };

export default async function StaffMessagesPage({ params }: { params: Promise<{ commune: string }> }) {
  const { commune } = await params;
  const [access, list, households, activities, sites] = await Promise.all([
    communeAccess(commune),
    load(commune, (api) => api.messages.staffList({})),
    load(commune, (api) => api.households.list()),
    load(commune, (api) => api.activities.list()),
    load(commune, (api) => api.activities.sites()),
  ]);
  const tz = access.tenant.timeZone;
  return (
    <Main>
      <PageTitle lead="Écrivez à une famille, ou à toutes celles d'une activité ou d'un site (« sortie annulée demain ») : chacune est prévenue par e-mail.">
        Messages aux familles
      </PageTitle>
      <div className="grid gap-6 lg:grid-cols-[1fr_2fr]">
        <Card title="Nouveau message">
          <StaffMessageForm
            households={households.map((h) => [h.id, `${h.name} (${h.reference})`] as const)}
            activities={activities.filter((a) => !a.archived).map((a) => [a.id, a.siteName ? `${a.name} — ${a.siteName}` : a.name] as const)}
            sites={sites.filter((s) => !s.archived).map((s) => [s.id, s.name] as const)}
          />
        </Card>
        <Card title="Messages envoyés et reçus">
          <MessageList
            side="staff"
            items={list.map((m) => ({
              id: m.id,
              subject: m.subject,
              body: m.body,
              sentAtLabel: formatInstant(m.sentAt, tz),
              fromLabel: m.direction === "to_commune" ? `De : ${m.householdName}` : `À : ${m.householdName}`,
              unread: m.unread,
              extra: m.direction === "to_family" ? (m.recipients > 1 ? `lu par ${m.read} famille${m.read > 1 ? "s" : ""} sur ${m.recipients}` : m.read ? "lu" : "non lu") : undefined,
            }))}
          />
        </Card>
      </div>
    </Main>
  );
}
