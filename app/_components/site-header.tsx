import Link from "next/link";
import { currentSession } from "@/server/auth";
import { NavLinks } from "./nav-links";
import { signOutAction } from "./sign-out";

export interface NavItem {
  href: string;
  label: string;
  /** Current on this very page only, not on the pages below it (a commune's home is above all its pages). */
  exact?: boolean;
}

/** The header every page has: who we are (commune or platform), navigation and the signed-in user. */
export async function SiteHeader({ title, titleHref = "/", subtitle, nav = [] }: { title: string; titleHref?: string; subtitle?: string; nav?: NavItem[] }) {
  const session = await currentSession();
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3 sm:px-6">
        <Link href={titleHref} className="flex min-w-0 items-baseline gap-2">
          <span className="rounded-md bg-brand-700 px-2 py-0.5 text-sm font-bold text-white">Récré</span>
          <span className="truncate text-lg font-semibold text-slate-900">{title}</span>
          {subtitle ? <span className="hidden text-sm text-slate-600 sm:inline">{subtitle}</span> : null}
        </Link>
        {session?.user ? (
          <div className="flex items-center gap-3 text-sm">
            <Link href="/compte" className="max-w-48 truncate text-slate-700 underline-offset-4 hover:underline" title={session.user.email ?? undefined}>
              {session.user.name ?? session.user.email}
            </Link>
            <form action={signOutAction}>
              <button type="submit" className="min-h-11 rounded-lg border border-slate-300 px-3 font-medium text-slate-800 hover:bg-slate-50">
                Déconnexion
              </button>
            </form>
          </div>
        ) : (
          <Link href="/connexion" className="text-sm font-semibold text-brand-700 underline-offset-4 hover:underline">
            Se connecter
          </Link>
        )}
      </div>
      {nav.length ? (
        <nav aria-label="Navigation principale" className="border-t border-slate-100">
          <NavLinks items={nav} />
        </nav>
      ) : null}
    </header>
  );
}
