import type { Metadata } from "next";
import { Card, Main, PageTitle } from "@/app/_components/ui";
import { load, requireSession } from "@/app/_lib/server";
import { InviteForm, TeamList } from "./team-forms";

export const metadata: Metadata = { title: "Équipe" };

export default async function StaffPage({ params }: { params: Promise<{ commune: string }> }) {
  const { commune } = await params;
  const session = await requireSession(`/${commune}/admin/equipe`);
  const { members, sites } = await load(commune, (api) => api.team.list());
  return (
    <Main>
      <PageTitle lead="Invitez vos collègues, choisissez leur rôle, retirez l'accès de ceux qui partent : un retrait prend effet immédiatement.">Équipe</PageTitle>
      <div className="grid grid-cols-1 gap-6">
        <Card title="Membres">
          <TeamList members={members} sites={sites} selfId={session.user.id ?? ""} />
        </Card>
        <Card title="Inviter un membre">
          <InviteForm sites={sites} />
        </Card>
      </div>
    </Main>
  );
}
