import type { ReactNode } from "react";
import { SiteHeader } from "@/app/_components/site-header";
import { communeAccess, load } from "@/app/_lib/server";

export default async function FamilyLayout({ children, params }: { children: ReactNode; params: Promise<{ commune: string }> }) {
  const { commune } = await params;
  const access = await communeAccess(commune);
  const nav = [
    { href: `/${commune}`, label: "Ma famille", exact: true },
    { href: `/${commune}/dossier`, label: "Mon dossier" },
    { href: `/${commune}/planning`, label: "Planning" },
    { href: `/${commune}/inscriptions`, label: "Inscriptions" },
    { href: `/${commune}/attributions`, label: "Attribution des places" },
    { href: `/${commune}/absences`, label: "Absences" },
    { href: `/${commune}/factures`, label: "Factures" },
  ];
  if (access.isParent && access.billingModes.prepaid) {
    const basket = await load(commune, (api) => api.basket.basket());
    nav.push({ href: `/${commune}/panier`, label: basket.lines.length ? `Panier (${basket.lines.length})` : "Panier" });
  }
  if (access.isParent) {
    const unread = (await load(commune, (api) => api.messages.mine())).filter((m) => m.unread).length;
    nav.push(
      { href: `/${commune}/releve`, label: "Relevé" },
      { href: `/${commune}/demandes`, label: "Demandes" },
      { href: `/${commune}/messages`, label: unread ? `Messages (${unread})` : "Messages" },
      { href: `/${commune}/actualites`, label: "Actualités" },
      { href: `/${commune}/prelevement`, label: "Prélèvement" },
      { href: `/${commune}/attestations`, label: "Attestations fiscales" },
      { href: `/${commune}/mes-donnees`, label: "Mes données" },
    );
  }
  if (access.staffRoles.includes("admin") || access.staffRoles.includes("agent")) nav.push({ href: `/${commune}/admin`, label: "Espace agents" });
  else if (access.staffRoles.includes("site_agent")) nav.push({ href: `/${commune}/site`, label: "Espace site" });
  nav.push({ href: "/compte", label: "Toutes mes communes" });
  return (
    <>
      <SiteHeader title={access.tenant.name} titleHref={`/${commune}`} subtitle="Portail famille" nav={nav} />
      {children}
    </>
  );
}
