import { notFound, redirect } from "next/navigation";
import type { ReactNode } from "react";
import { SiteHeader } from "@/app/_components/site-header";
import { communeAccess } from "@/app/_lib/server";

export default async function AdminLayout({ children, params }: { children: ReactNode; params: Promise<{ commune: string }> }) {
  const { commune } = await params;
  const access = await communeAccess(commune);
  const isAdmin = access.staffRoles.includes("admin");
  if (!isAdmin && !access.staffRoles.includes("agent")) {
    // Staff links (/compte, the family home) lead here: a site agent's own space is the site lists.
    if (access.staffRoles.includes("site_agent")) redirect(`/${commune}/site`);
    notFound();
  }
  const nav = [
    { href: `/${commune}/admin`, label: "Tableau de bord" },
    { href: `/${commune}/admin/familles`, label: "Familles" },
    { href: `/${commune}/admin/modifications`, label: "Modifications" },
    { href: `/${commune}/admin/preinscriptions`, label: "Préinscriptions" },
    { href: `/${commune}/admin/inscriptions`, label: "Inscriptions" },
    { href: `/${commune}/admin/attributions`, label: "Attribution des places" },
    { href: `/${commune}/admin/absences`, label: "Absences" },
    { href: `/${commune}/admin/demandes`, label: "Demandes" },
    { href: `/${commune}/admin/messages`, label: "Messages" },
    { href: `/${commune}/admin/repas`, label: "Repas" },
    ...(isAdmin ? [{ href: `/${commune}/admin/calendrier`, label: "Calendrier" }] : []),
    ...(isAdmin ? [{ href: `/${commune}/admin/activites`, label: "Activités" }] : []),
    ...(isAdmin ? [{ href: `/${commune}/admin/sites`, label: "Sites" }] : []),
    ...(isAdmin ? [{ href: `/${commune}/admin/facturation`, label: "Facturation" }] : []),
    { href: `/${commune}/admin/prelevements`, label: "Prélèvements" },
    { href: `/${commune}/admin/relances`, label: "Relances" },
    ...(isAdmin ? [{ href: `/${commune}/admin/equipe`, label: "Équipe" }] : []),
    ...(isAdmin ? [{ href: `/${commune}/admin/publications`, label: "Actualités et documents" }] : []),
    ...(isAdmin ? [{ href: `/${commune}/admin/rgpd`, label: "Données personnelles" }, { href: `/${commune}/admin/journal`, label: "Journal" }] : []),
    { href: `/${commune}/site`, label: "Espace site" },
    ...(access.isParent ? [{ href: `/${commune}`, label: "Mon espace famille" }] : []),
  ];
  return (
    <>
      <SiteHeader title={access.tenant.name} titleHref={`/${commune}/admin`} subtitle="Espace agents" nav={nav} />
      {children}
    </>
  );
}
