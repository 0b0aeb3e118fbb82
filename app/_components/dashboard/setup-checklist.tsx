import Link from "next/link";
import { load } from "@/app/_lib/server";

const steps = {
  schoolYear: { label: "L'année scolaire", href: "calendrier", action: "Créer l'année scolaire" },
  holidays: { label: "Les vacances scolaires", href: "calendrier", action: "Importer le calendrier du ministère" },
  sites: { label: "Les sites d'accueil", href: "sites", action: "Ajouter un site" },
  activities: { label: "Les activités", href: "activites", action: "Créer une activité" },
  tariffs: { label: "Les tarifs", href: "activites", action: "Fixer les tarifs d'une activité" },
  team: { label: "L'équipe", href: "equipe", action: "Inviter un collègue" },
  families: { label: "Les familles", href: "familles", action: "Ajouter ou importer des familles" },
} as const;

/**
 * A new commune's dashboard: what is set up and what is left, in order, each step linking to where
 * it is done. Admins only, and only until every step is done. Self-contained: it loads its own figures.
 */
export async function SetupChecklist({ commune }: { commune: string }) {
  const setup = await load(commune, (api) => api.dashboard.setup());
  if (setup.complete) return null;
  const done = setup.steps.filter((s) => s.done).length;
  return (
    <section aria-labelledby="mise-en-route" className="mb-10 rounded-xl border border-brand-100 bg-white p-5 shadow-sm">
      <h2 id="mise-en-route" className="text-xl font-semibold text-slate-900">
        Mise en route de la commune
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        {done} étape{done > 1 ? "s" : ""} sur {setup.steps.length} : les familles pourront réserver une fois l&apos;année, les activités et leurs tarifs en place.
      </p>
      <ol className="mt-4 grid gap-2">
        {setup.steps.map((s, i) => {
          const step = steps[s.step];
          return (
            <li key={s.step} className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 rounded-lg border border-slate-200 px-3 py-2 text-sm">
              <span>
                <span aria-hidden="true" className={`mr-2 inline-block w-5 text-center font-bold ${s.done ? "text-emerald-700" : "text-slate-500"}`}>
                  {s.done ? "✓" : i + 1}
                </span>
                <span className="font-medium">{step.label}</span>
                <span className="text-slate-600"> : {s.done ? "fait" : "à faire"}</span>
              </span>
              {s.done ? null : (
                <Link href={`/${commune}/admin/${step.href}`} className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline underline-offset-4">
                  {step.action}
                </Link>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
