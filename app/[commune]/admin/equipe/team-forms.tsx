"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Alert, Badge, Button, CheckboxGroup, Field, SelectField } from "@/app/_components/ui";
import { fieldErrors, formError, formValues } from "@/app/_lib/form-errors";
import { useTRPC } from "@/app/_lib/trpc";

type Role = "admin" | "agent" | "site_agent";
export const roleOptions = [
  ["agent", "Agent du guichet unique"],
  ["site_agent", "Agent de site (sites choisis)"],
  ["admin", "Administrateur"],
] as const;
const roleLabels: Record<Role, string> = { admin: "Administrateur", agent: "Guichet unique", site_agent: "Agent de site" };

export interface Member {
  userId: string;
  name: string | null;
  email: string;
  role: Role;
  siteIds: string[];
  activated: boolean;
}
type Site = { id: string; name: string };

/** The role and, for a site agent, the sites: the same in the invitation and in a change of role. */
function RoleFields({ prefix, role, setRole, siteIds, setSiteIds, sites, errors }: {
  prefix: string;
  role: Role;
  setRole: (r: Role) => void;
  siteIds: string[];
  setSiteIds: (s: string[]) => void;
  sites: Site[];
  errors: Record<string, string>;
}) {
  return (
    <>
      <SelectField id={`${prefix}-role`} label="Rôle" name="role" value={role} onChange={(e) => setRole(e.target.value as Role)} options={roleOptions} error={errors.role} />
      {role === "site_agent" ? (
        <CheckboxGroup
          id={`${prefix}-sites`}
          legend="Sites confiés"
          hint="L'agent ne voit que les listes, pointages et repas de ces sites."
          options={sites.map((s) => [s.id, s.name] as const)}
          value={siteIds}
          onChange={setSiteIds}
          error={errors.siteIds}
        />
      ) : null}
    </>
  );
}

export function InviteForm({ sites }: { sites: Site[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const prefix = useId().replace(/:/g, "");
  const [role, setRole] = useState<Role>("agent");
  const [siteIds, setSiteIds] = useState<string[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const invite = useMutation(trpc.team.invite.mutationOptions());
  const errors = fieldErrors(invite.error);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const v = formValues(form);
        setDone(null);
        invite.mutate(
          { email: v.email ?? "", name: v.name ?? "", role, siteIds: role === "site_agent" ? siteIds : [] },
          {
            onSuccess: () => {
              setDone(`Invitation envoyée à ${v.email}.`);
              form.reset();
              setSiteIds([]);
              router.refresh();
            },
          },
        );
      }}
    >
      {done ? <Alert tone="success">{done}</Alert> : null}
      {formError(invite.error) ? <Alert tone="error">{formError(invite.error)}</Alert> : null}
      <div className="grid grid-cols-1 gap-x-4 sm:grid-cols-2">
        <Field id={`${prefix}-nom`} label="Nom et prénom" name="name" autoComplete="off" required error={errors.name} />
        <Field id={`${prefix}-email`} label="Adresse e-mail" name="email" type="email" autoComplete="off" required error={errors.email} />
      </div>
      <RoleFields prefix={prefix} role={role} setRole={setRole} siteIds={siteIds} setSiteIds={setSiteIds} sites={sites} errors={errors} />
      <Button type="submit" disabled={invite.isPending}>
        Envoyer l&apos;invitation
      </Button>
    </form>
  );
}

function MemberRow({ member, sites, isSelf }: { member: Member; sites: Site[]; isSelf: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const prefix = useId().replace(/:/g, "");
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [role, setRole] = useState<Role>(member.role);
  const [siteIds, setSiteIds] = useState<string[]>(member.siteIds);
  const [notice, setNotice] = useState<string | null>(null);
  const onSuccess = () => router.refresh();
  const change = useMutation(trpc.team.changeRole.mutationOptions({ onSuccess: () => (setEditing(false), setNotice("Rôle enregistré."), onSuccess()) }));
  const resend = useMutation(trpc.team.resendInvitation.mutationOptions({ onSuccess: () => setNotice(`Nouvelle invitation envoyée à ${member.email}.`) }));
  const remove = useMutation(trpc.team.deactivate.mutationOptions({ onSuccess }));
  const error = change.error ?? resend.error ?? remove.error;
  const siteNames = member.siteIds.map((id) => sites.find((s) => s.id === id)?.name).filter(Boolean);
  return (
    <li className="py-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span>
          <span className="font-medium">{member.name ?? member.email}</span> <span className="text-sm text-slate-600">{member.email}</span>
          <span className="ml-2 inline-flex gap-1">
            <Badge>{roleLabels[member.role]}</Badge>
            {member.activated ? null : <Badge tone="warning">Invitation en attente</Badge>}
          </span>
          {siteNames.length ? <span className="block text-xs text-slate-600">Sites : {siteNames.join(", ")}</span> : null}
        </span>
        <span className="flex flex-wrap gap-2">
          {member.activated ? null : (
            <Button type="button" variant="secondary" disabled={resend.isPending} onClick={() => resend.mutate({ userId: member.userId })}>
              Renvoyer l&apos;invitation
            </Button>
          )}
          <Button type="button" variant="secondary" aria-expanded={editing} onClick={() => setEditing(!editing)}>
            Changer le rôle
          </Button>
          <Button type="button" variant="secondary" onClick={() => setConfirming(true)}>
            {isSelf ? "Quitter l'équipe" : "Retirer de l'équipe"}
          </Button>
        </span>
      </div>
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {error && !fieldErrors(error).role && !fieldErrors(error).siteIds ? <Alert tone="error">{error.message}</Alert> : null}
      {confirming ? (
        <div className="mt-2 rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm">
          <p className="mb-2">
            {member.name ?? member.email} perdra immédiatement l&apos;accès à l&apos;espace agents de la commune. Confirmer ?
          </p>
          <span className="flex flex-wrap gap-2">
            <Button type="button" disabled={remove.isPending} onClick={() => remove.mutate({ userId: member.userId }, { onSettled: () => setConfirming(false) })}>
              Oui, retirer
            </Button>
            <Button type="button" variant="secondary" onClick={() => setConfirming(false)}>
              Annuler
            </Button>
          </span>
        </div>
      ) : null}
      {editing ? (
        <form
          noValidate
          className="mt-3 rounded-lg border border-slate-200 p-3"
          onSubmit={(event) => {
            event.preventDefault();
            change.mutate({ userId: member.userId, role, siteIds: role === "site_agent" ? siteIds : [] });
          }}
        >
          <RoleFields prefix={prefix} role={role} setRole={setRole} siteIds={siteIds} setSiteIds={setSiteIds} sites={sites} errors={fieldErrors(change.error)} />
          <Button type="submit" disabled={change.isPending}>
            Enregistrer le rôle
          </Button>
        </form>
      ) : null}
    </li>
  );
}

export function TeamList({ members, sites, selfId }: { members: Member[]; sites: Site[]; selfId: string }) {
  return (
    <ul className="divide-y divide-slate-100" aria-label="Membres de l'équipe">
      {members.map((m) => (
        <MemberRow key={m.userId} member={m} sites={sites} isSelf={m.userId === selfId} />
      ))}
    </ul>
  );
}
