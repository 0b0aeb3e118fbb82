import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { activities, allocationApplications, allocationRounds, children, guardians, households, schoolYears, sites, tariffs, tenants, users } from "@/db/schema";
import { hashPassword } from "@/server/domain/auth/password";
import { healthColumns } from "@/server/domain/family-file/health";
import { defaultCriteria } from "@/common/allocation";
import { emptyHealth } from "@/common/family-file";
import { tariffPricingSchema } from "@/common/tariff-pricing";
import { addDays, isoWeekday, zonedInstant, type CivilDate } from "@/common/dates";
import { publicHolidayLookup } from "@/server/domain/calendar/public-holidays";
import { demoPlan } from "./demo-plan";
import { DEMO_PASSWORD } from "./seed";

const ZONE = "Europe/Paris";
/** How many families the demo has applied (the browser journey's family makes it 30). */
export const ALLOCATION_DEMO_FAMILIES = 29;
export const SUMMER_CENTRE = "Centre de loisirs d'été";
/** The same summer centre at a second site, in the same round: a family may rank one site against the other. */
export const SUMMER_CENTRE_FERRY = "Centre de loisirs d'été (Jules Ferry)";
export const FERRY_SITE = "Accueil périscolaire Jules Ferry";

const surnames = [
  "Bernard", "Petit", "Robert", "Richard", "Durieux", "Dubois", "Moreau", "Laurent", "Simon", "Michel",
  "Lefebvre", "Leroy", "Roux", "David", "Bertrand", "Morel", "Fournier", "Girard", "Bonnet", "Dupont",
  "Lambert", "Fontaine", "Rousseau", "Vincent", "Muller", "Faure", "André", "Mercier", "Blanc",
];
const firstNames = ["Léa", "Hugo", "Emma", "Louis", "Jade", "Gabriel", "Alice", "Raphaël", "Lina", "Arthur", "Rose", "Jules", "Anna", "Adam", "Mia", "Noah"];

/** The first two weeks of the summer holidays (Monday to Friday but public holidays: the centre is shut on the 14th of July), from the demo's school year. */
export function summerWeeks(now: Date): { week1: CivilDate[]; week2: CivilDate[] } {
  const summer = demoPlan(now).year.holidays.C.find(([label]) => label === "Vacances d'été")!;
  let monday = summer[1];
  while (isoWeekday(monday) !== 1) monday = addDays(monday, 1);
  const publicHoliday = publicHolidayLookup("FR");
  const week = (start: CivilDate) => [0, 1, 2, 3, 4].map((d) => addDays(start, d)).filter((d) => !publicHoliday(d));
  return { week1: week(monday), week2: week(addDays(monday, 7)) };
}

/**
 * Jolieville's summer centre, allocated fairly (issue #15): one round over the centre at two sites
 * (Jules Verne, 12 places a day; Jules Ferry, 8), an application window for the first two weeks of
 * the summer, open since three days (residents since five), closing in ten days, with 29 families
 * (39 children) applied for Jules Verne's 12 places a day: more than the centre takes. Each family has
 * an account (famille-01@jolieville.test…, the demo password) so it can see its result and receive
 * the e-mail of a promotion. Dated from the business clock like the rest of the demo; the tests'
 * fixture leaves it out (loadDemo), as it does the lived demo.
 */
export async function seedAllocationDemo(db: Db, now: Date): Promise<{ roundId: string; activityId: string; ferryActivityId: string }> {
  const plan = demoPlan(now);
  const { week1, week2 } = summerWeeks(now);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    const [jolieville] = await tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, "jolieville"));
    const j = jolieville!.id;
    const [verne] = await tx.select({ id: sites.id }).from(sites).where(and(eq(sites.tenantId, j), eq(sites.name, "Accueil de loisirs Jules Verne")));
    const [year] = await tx.select({ id: schoolYears.id }).from(schoolYears).where(and(eq(schoolYears.tenantId, j), eq(schoolYears.startDate, plan.year.startDate)));
    // The second site: 8 places a day, the same prices; the demo's 29 families applied for Jules Verne only.
    const [ferrySite] = await tx.select({ id: sites.id }).from(sites).where(and(eq(sites.tenantId, j), eq(sites.name, FERRY_SITE)));
    const created: { id: string }[] = [];
    for (const [siteId, name, capacity] of [
      [verne!.id, SUMMER_CENTRE, 12],
      [ferrySite!.id, SUMMER_CENTRE_FERRY, 8],
    ] as const) {
      const [row] = await tx
        .insert(activities)
        .values({
          tenantId: j, siteId, schoolYearId: year!.id, service: "vacances", name, unit: "day", weekdays: [1, 2, 3, 4, 5],
          runsOn: "holidays", capacity, bookingRule: { kind: "days_before", days: 7, time: "12:00", counting: "all", excludedWeekdays: [6, 7], excludePublicHolidays: true },
          autoAcceptEnrolment: false,
        })
        .returning({ id: activities.id });
      created.push(row!);
    }
    const [centre, ferry] = created;
    for (const activityId of [centre!.id, ferry!.id]) {
      await tx.insert(tariffs).values({
        tenantId: j, activityId, validFrom: plan.year.startDate,
        pricing: tariffPricingSchema.parse({ resident: { kind: "unit", cents: 1400 }, nonResident: { kind: "unit", cents: 2200 }, mealCents: 300 }),
      });
    }
    const [round] = await tx
      .insert(allocationRounds)
      .values({
        tenantId: j, activityId: centre!.id, activityIds: [centre!.id, ferry!.id], label: `Été ${week1[0]!.slice(0, 4)} : les deux premières semaines`, mode: "application",
        fromDate: week1[0]!, toDate: addDays(week2[0]!, 4), opensAt: new Date(now.getTime() - 3 * 86_400_000), residentsOpensAt: new Date(now.getTime() - 5 * 86_400_000),
        closesAt: zonedInstant(addDays(plan.today, 10), "18:00", ZONE), criteria: defaultCriteria, status: "open", createdAt: new Date(now.getTime() - 6 * 86_400_000),
      })
      .returning({ id: allocationRounds.id });

    for (let i = 1; i <= ALLOCATION_DEMO_FAMILIES; i++) {
      const name = surnames[i - 1]!;
      const number = String(i).padStart(2, "0");
      const [user] = await tx.insert(users).values({ email: `famille-${number}@jolieville.test`, name: `Parent ${name}`, passwordHash, emailVerified: now }).returning();
      const [household] = await tx
        .insert(households)
        .values({ tenantId: j, reference: `JOL-1${number}`, name: `Famille ${name}`, addressLine: `${i} allée des Platanes`, postalCode: "69120", city: i % 5 === 0 ? "Villeneuve" : "Jolieville", isResident: i % 5 !== 0 })
        .returning({ id: households.id });
      await tx.insert(guardians).values({ tenantId: j, householdId: household!.id, userId: user!.id, firstName: "Parent", lastName: name, email: user!.email, phone: `06 00 00 00 ${number}` });
      // One family in three has two children, who ask to be kept together.
      const kids = i % 3 === 1 ? 2 : 1;
      for (let k = 0; k < kids; k++) {
        const id = randomUUID();
        await tx.insert(children).values({
          tenantId: j, id, householdId: household!.id, lastName: name, firstName: firstNames[(i + k * 7) % firstNames.length]!,
          birthDate: `${2015 + ((i + k) % 5)}-0${1 + ((i * 3 + k) % 9)}-1${k}`, classLevel: "CE2", school: "École Jules Ferry",
          ...healthColumns(j, id, emptyHealth, false),
        });
        // Half prefer the first week, half the second; most take the other as second choice.
        const first = i % 2 === 1 ? week1 : week2;
        const second = first === week1 ? week2 : week1;
        await tx.insert(allocationApplications).values({
          tenantId: j, roundId: round!.id, childId: id, householdId: household!.id, choices: i % 4 === 0 ? [{ activityId: centre!.id, days: first }] : [{ activityId: centre!.id, days: first }, { activityId: centre!.id, days: second }],
          parentsWorking: i % 3 === 0, keepSiblingsTogether: kids === 2, submittedAt: new Date(now.getTime() - (i % 5) * 86_400_000), updatedAt: new Date(now.getTime() - (i % 5) * 86_400_000), submittedBy: user!.id,
        });
      }
    }
    return { roundId: round!.id, activityId: centre!.id, ferryActivityId: ferry!.id };
  });
}
