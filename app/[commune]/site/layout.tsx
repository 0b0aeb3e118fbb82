import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { SiteHeader } from "@/app/_components/site-header";
import { communeAccess } from "@/app/_lib/server";

/** The site agents' space (daily lists, pointage, meals): site agents, and the admins and front desk who stand in. */
export default async function SiteLayout({ children, params }: { children: ReactNode; params: Promise<{ commune: string }> }) {
  const { commune } = await params;
  const access = await communeAccess(commune);
  const roles = access.staffRoles;
  if (!roles.some((r) => r === "site_agent" || r === "admin" || r === "agent")) notFound();
  const frontDesk = roles.includes("admin") || roles.includes("agent");
  const nav = [
    { href: `/${commune}/site`, label: "Listes du jour" },
    { href: `/${commune}/site/repas`, label: "Repas" },
    ...(frontDesk ? [{ href: `/${commune}/admin`, label: "Espace agents" }] : []),
    ...(access.isParent ? [{ href: `/${commune}`, label: "Mon espace famille" }] : []),
  ];
  return (
    <>
      <SiteHeader title={access.tenant.name} titleHref={`/${commune}/site`} subtitle="Espace site" nav={nav} />
      {children}
    </>
  );
}
