import { TRPCError, type inferRouterOutputs } from "@trpc/server";
import { z } from "zod";
import { load } from "@/app/_lib/server";
import { messages } from "@/common/messages";
import { addDays, formatDayLong, isCivilDate, formatDayHeading } from "@/common/dates";
import type { AppRouter } from "@/server/root";
import { DownloadButton } from "./download-button";
import { TableScroll } from "./table-scroll";
import { Alert, Button, Card } from "./ui";

const diets = messages.attendance.diets;

/**
 * The kitchen's counts for a period (the coming seven days by default), per site and day, with the
 * form to change the period and the CSV download. Used by the agents' and the site agents' spaces.
 */
const mealCsvHref = (commune: string, from: string, to: string, siteId: string | null) =>
  `/api/repas/${encodeURIComponent(commune)}/csv?${new URLSearchParams({ from, to, ...(siteId ? { siteId } : {}) })}`;

export async function MealCounts({ commune, today, search }: { commune: string; today: string; search: { du?: string; au?: string; site?: string } }) {
  const from = search.du && isCivilDate(search.du) ? search.du : today;
  const to = search.au && isCivilDate(search.au) ? search.au : addDays(from, 6);
  const siteId = search.site && z.uuid().safeParse(search.site).success ? search.site : null;
  const { sites } = await load(commune, (api) => api.attendance.sites());
  const kitchens = sites.filter((s) => s.activities.some((a) => a.unit === "meal"));
  let counts: inferRouterOutputs<AppRouter>["attendance"]["mealCounts"] | null = null;
  let problem: string | null = null;
  try {
    counts = await load(commune, (api) => api.attendance.mealCounts({ from, to, siteId }));
  } catch (error) {
    if (error instanceof TRPCError && error.code === "BAD_REQUEST") problem = error.message;
    else throw error;
  }
  const th = "px-3 py-2 text-right font-semibold";
  const td = "px-3 py-2 text-right tabular-nums";
  return (
    <div className="grid gap-6">
      <Card>
        <form method="get" className="flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="champ-du" className="mb-1 block text-sm font-medium">
              Du
            </label>
            <input id="champ-du" type="date" name="du" defaultValue={from} className="min-h-11 rounded-lg border border-slate-500 bg-white px-3 text-base" />
          </div>
          <div>
            <label htmlFor="champ-au" className="mb-1 block text-sm font-medium">
              Au
            </label>
            <input id="champ-au" type="date" name="au" defaultValue={to} className="min-h-11 rounded-lg border border-slate-500 bg-white px-3 text-base" />
          </div>
          <div>
            <label htmlFor="champ-site" className="mb-1 block text-sm font-medium">
              Site
            </label>
            <select id="champ-site" name="site" defaultValue={siteId ?? ""} className="min-h-11 rounded-lg border border-slate-500 bg-white px-3 text-base">
              <option value="">Tous les sites</option>
              {kitchens.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
          <Button type="submit">Afficher</Button>
        </form>
      </Card>
      {problem ? <Alert tone="error">{problem}</Alert> : null}
      {counts ? (
        <Card
          title={`Du ${formatDayLong(counts.from)} au ${formatDayLong(counts.to)}`}
          actions={
            <DownloadButton variant="secondary" href={mealCsvHref(commune, counts.from, counts.to, siteId)} fallbackName="repas.csv">
              Télécharger pour Excel (CSV)
            </DownloadButton>
          }
        >
          {counts.rows.length === 0 ? (
            <p className="text-sm text-slate-600">Aucun repas réservé sur cette période.</p>
          ) : (
            <TableScroll label="Repas par jour et par site" className="-mx-5 px-5">
              <table className="w-full min-w-[40rem] border-collapse text-sm">
                <caption className="sr-only">Repas réservés par jour et par site, avec les régimes particuliers</caption>
                <thead>
                  <tr className="border-b border-slate-300">
                    <th scope="col" className="px-3 py-2 text-left font-semibold">
                      Jour
                    </th>
                    <th scope="col" className="px-3 py-2 text-left font-semibold">
                      Site
                    </th>
                    <th scope="col" className={th}>
                      Repas
                    </th>
                    <th scope="col" className={th}>
                      {diets.standard}
                    </th>
                    <th scope="col" className={th}>
                      {diets.sans_porc}
                    </th>
                    <th scope="col" className={th}>
                      {diets.sans_viande}
                    </th>
                    <th scope="col" className={th}>
                      {diets.vegetarien}
                    </th>
                    <th scope="col" className={`${th} text-red-800`}>
                      PAI
                    </th>
                    <th scope="col" className={`${th} text-red-800`}>
                      Allergies
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {counts.rows.map((r) => (
                    <tr key={`${r.date}-${r.siteId}`} className="border-b border-slate-100">
                      <th scope="row" className="px-3 py-2 text-left font-medium">
                        {formatDayHeading(r.date)}
                      </th>
                      <td className="px-3 py-2">{r.siteName}</td>
                      <td className={`${td} font-bold`}>{r.meals}</td>
                      <td className={td}>{r.standard}</td>
                      <td className={td}>{r.sansPorc}</td>
                      <td className={td}>{r.sansViande}</td>
                      <td className={td}>{r.vegetarien}</td>
                      <td className={`${td} ${r.pai ? "font-bold text-red-800" : ""}`}>{r.pai}</td>
                      <td className={`${td} ${r.allergies ? "font-bold text-red-800" : ""}`}>{r.allergies}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr className="border-t-2 border-slate-300 font-bold">
                    <th scope="row" colSpan={2} className="px-3 py-2 text-left">
                      Total
                    </th>
                    <td className={td}>{counts.totals.meals}</td>
                    <td className={td}>{counts.totals.standard}</td>
                    <td className={td}>{counts.totals.sansPorc}</td>
                    <td className={td}>{counts.totals.sansViande}</td>
                    <td className={td}>{counts.totals.vegetarien}</td>
                    <td className={td}>{counts.totals.pai}</td>
                    <td className={td}>{counts.totals.allergies}</td>
                  </tr>
                </tfoot>
              </table>
            </TableScroll>
          )}
        </Card>
      ) : null}
    </div>
  );
}
