import { randomUUID } from "node:crypto";
import { emptyHealth } from "@/common/family-file";
import { allergiesFromText, healthColumns } from "@/server/domain/family-file/health";
import { and, count, eq } from "drizzle-orm";
import { hashPassword } from "@/server/domain/auth/password";
import { tariffPricingSchema } from "@/common/tariff-pricing";
import { nextDocumentNumber } from "@/server/domain/billing/numbering";
import type { Db } from "@/db/client";
import { now as clockNow } from "@/common/clock";
import { seedLivedDemo } from "./lived";
import { seedAllocationDemo } from "./seed-allocation";
import { addDays, zonedInstant } from "@/common/dates";
import { demoPlan, type DemoPlan } from "./demo-plan";
import { seedPublications, storeDemoDocuments } from "./seed-publications";
import {
  activities,
  authorizedPickups,
  bookings,
  calendarPeriods,
  children,
  enrolments,
  guardians,
  householdActivationCodes,
  households,
  memberships,
  membershipSites,
  occurrences,
  bookingOpenings,
  documentCounters,
  invoiceLines,
  invoiceRuns,
  invoices,
  paymentAllocations,
  payments,
  creditNotes,
  collectionSettings,
  quotients,
  tariffs,
  schoolYears,
  sites,
  tenants,
  users,
  type StaffRole,
} from "@/db/schema";

/** Shared by every demo account; printed in the README. */
export const DEMO_PASSWORD = "demo-recre-2026";

/** Known portal activation codes of the demo families (printed in the README; real ones are random). */
export const DEMO_ACTIVATION_CODES: Record<string, string> = {
  "JOL-00042": "MRTN-JV42-K7QP",
  "JOL-00057": "DRND-JV57-W3HX",
  "VF-0815": "MRTN-VF85-C9ZT",
};

/** Seeds the demo communes once: does nothing when any commune exists. */
export async function seedDemoIfEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(tenants);
  if ((row?.n ?? 0) > 0) return false;
  const now = clockNow();
  await seedDemo(db, now);
  await seedLivedDemo(db, now);
  await seedAllocationDemo(db, now);
  return true;
}

/**
 * The demo communes, dated from the business clock at creation (`RECRE_NOW` or the real date; see
 * demo-plan.ts), so the demo is never stale. At the tests' clock, 25 November 2026, it is the
 * historic demo the journeys are written against.
 */
export async function seedDemo(db: Db, now: Date = clockNow()): Promise<void> {
  const plan = demoPlan(now);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const documents = await storeDemoDocuments();
  await db.transaction(async (tx) => {
    const [jolieville, valFleuri] = await tx
      .insert(tenants)
      .values([
        {
          slug: "jolieville", name: "Jolieville", holidayZone: "C", billingMode: "invoice",
          addressLine: "Mairie - Service enfance, 1 place de la République", postalCode: "69120", city: "Jolieville",
          phone: "04 78 12 34 00", email: "enfance@jolieville.test", siret: "21690999900015",
        },
        {
          slug: "val-fleuri", name: "Val-Fleuri", holidayZone: "A", billingMode: "prepaid",
          addressLine: "Régie périscolaire, 1 place de la Mairie", postalCode: "06410", city: "Val-Fleuri",
          phone: "04 93 55 10 20", email: "regie@val-fleuri.test", siret: "21060999900011",
        },
      ])
      .returning();
    const account = async (email: string, name: string, isOperator = false) =>
      (await tx.insert(users).values({ email, name, passwordHash, isOperator, emailVerified: new Date() }).returning())[0]!;

    await account("operateur@recre.test", "Opérateur Récré", true);
    const staff: [string, string, string, StaffRole][] = [
      ["admin@jolieville.test", "Nadia Benali", jolieville!.id, "admin"],
      ["admin@val-fleuri.test", "Paul Lefèvre", valFleuri!.id, "admin"],
      ["agent@jolieville.test", "Sophie Garnier", jolieville!.id, "agent"],
      ["animateur@jolieville.test", "Karim Haddad", jolieville!.id, "site_agent"],
    ];
    for (const [email, name, tenantId, role] of staff) {
      const user = await account(email, name);
      await tx.insert(memberships).values({ tenantId, userId: user.id, role });
    }
    const parent = await account("parent@recre.test", "Julie Martin");
    const voisin = await account("voisin@recre.test", "Marc Durand");
    // No family file yet: Thomas Martin adds the Jolieville one on /compte with the code of its invoices.
    await account("conjoint@recre.test", "Thomas Martin");

    const family = async (
      tenantId: string,
      reference: string,
      name: string,
      address: { addressLine: string; postalCode: string; city: string },
      people: { userId: string | null; firstName: string; lastName: string; email: string | null; phone: string }[],
      kids: {
        firstName: string;
        birthDate: string;
        classLevel: string;
        school: string;
        allergies?: string;
        hasPai?: boolean;
        diet?: "standard" | "sans_porc" | "sans_viande" | "vegetarien" | "sans_gluten";
      }[],
    ) => {
      const [household] = await tx.insert(households).values({ tenantId, reference, name, ...address }).returning();
      await tx.insert(householdActivationCodes).values({ tenantId, householdId: household!.id, code: DEMO_ACTIVATION_CODES[reference]! });
      for (const p of people) await tx.insert(guardians).values({ tenantId, householdId: household!.id, ...p });
      const ids: Record<string, string> = {};
      for (const { allergies, ...k } of kids) {
        const id = randomUUID();
        // Health data is sealed at rest, as the family file writes it.
        const health = healthColumns(tenantId, id, { ...emptyHealth, allergies: allergiesFromText(allergies).map((a) => ({ ...a, severity: "severe" as const })), doctorName: allergies ? "Dr Claire Roux" : "" }, k.hasPai ?? false);
        await tx.insert(children).values({ tenantId, id, householdId: household!.id, lastName: name.replace(/^Famille /, ""), ...k, ...health });
        ids[k.firstName] = id;
      }
      return ids;
    };

    const martin = await family(
      jolieville!.id,
      "JOL-00042",
      "Famille Martin",
      { addressLine: "12 rue des Tilleuls", postalCode: "69120", city: "Jolieville" },
      [
        { userId: parent.id, firstName: "Julie", lastName: "Martin", email: "parent@recre.test", phone: "06 12 34 56 78" },
        { userId: null, firstName: "Thomas", lastName: "Martin", email: null, phone: "06 98 76 54 32" },
      ],
      [
        { firstName: "Sarah", birthDate: "2017-03-14", classLevel: "CM1", school: "École Jules Ferry" },
        { firstName: "Chloé", birthDate: "2019-09-02", classLevel: "CE1", school: "École Jules Ferry", allergies: "Arachide", hasPai: true },
      ],
    );
    const durand = await family(
      jolieville!.id,
      "JOL-00057",
      "Famille Durand",
      { addressLine: "3 impasse du Moulin", postalCode: "69120", city: "Jolieville" },
      [{ userId: voisin.id, firstName: "Marc", lastName: "Durand", email: "voisin@recre.test", phone: "07 11 22 33 44" }],
      [{ firstName: "Tom", birthDate: "2018-06-10", classLevel: "CE2", school: "École Jules Ferry", diet: "vegetarien" }],
    );
    const martinVf = await family(
      valFleuri!.id,
      "VF-0815",
      "Famille Martin",
      { addressLine: "8 chemin des Vignes", postalCode: "06410", city: "Val-Fleuri" },
      [{ userId: parent.id, firstName: "Julie", lastName: "Martin", email: "parent@recre.test", phone: "06 12 34 56 78" }],
      [{ firstName: "Louise", birthDate: "2016-05-21", classLevel: "CM2", school: "École des Oliviers", diet: "sans_porc" }],
    );

    await seedReservations(tx, plan, { jolieville: jolieville!.id, valFleuri: valFleuri!.id, martin, durand, martinVf });
    await seedPublications(tx, { jolieville: jolieville!.id, valFleuri: valFleuri!.id, documents, now });
    // Jolieville offers direct debit (a demo creditor identifier and the régie's account); reminders stay off until its admin sets them.
    await tx.insert(collectionSettings).values({ tenantId: jolieville!.id, creditorId: "FR72ZZZ123456", creditorIban: "FR1420041010050500013M02606", creditorBic: "PSSTFRPPLYO", debitDay: 10 });

    // Val-Fleuri: 3,60 € of credit on the Martin family account (a commercial credit note), used by their next basket.
    const [martinVfHousehold] = await tx
      .select({ id: households.id })
      .from(households)
      .where(and(eq(households.tenantId, valFleuri!.id), eq(households.reference, "VF-0815")));
    await tx.insert(creditNotes).values({
      tenantId: valFleuri!.id,
      householdId: martinVfHousehold!.id,
      number: await nextDocumentNumber(tx, valFleuri!.id, "credit_note", yearOf(plan.creditNoteAt)),
      amountCents: 360,
      reason: "Régularisation",
      issuedAt: plan.creditNoteAt,
    });
  });
}

type SeedTx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** The calendar year of an instant in Paris (document numbers are per year of issue). */
const yearOf = (instant: Date) => Number(new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris", year: "numeric" }).format(instant));

async function seedReservations(
  tx: SeedTx,
  plan: DemoPlan,
  ids: { jolieville: string; valFleuri: string; martin: Record<string, string>; durand: Record<string, string>; martinVf: Record<string, string> },
) {
  const year = async (tenantId: string, zone: "A" | "C") => {
    const [y] = await tx
      .insert(schoolYears)
      .values({ tenantId, label: plan.year.label, startDate: plan.year.startDate, endDate: plan.year.endDate })
      .returning({ id: schoolYears.id });
    await tx.insert(calendarPeriods).values(
      plan.year.holidays[zone].map(([label, startDate, endDate]) => ({ tenantId, kind: "holiday" as const, label, startDate, endDate, source: "official" as const })),
    );
    return y!.id;
  };
  const site = async (tenantId: string, name: string, address: string) =>
    (await tx.insert(sites).values({ tenantId, name, address }).returning({ id: sites.id }))[0]!.id;
  const activity = async (values: typeof activities.$inferInsert) =>
    (await tx.insert(activities).values(values).returning({ id: activities.id }))[0]!.id;
  const enrol = (tenantId: string, childId: string, activityId: string) =>
    tx.insert(enrolments).values({ tenantId, childId, activityId, status: "accepted", decidedAt: plan.enrolmentsDecidedAt });

  // Jolieville: end-of-month invoices, zone C.
  const j = ids.jolieville;
  const jYear = await year(j, "C");
  const ferry = await site(j, "Restaurant scolaire Jules Ferry", "2 rue de l'École, Jolieville");
  const periFerry = await site(j, "Accueil périscolaire Jules Ferry", "2 rue de l'École, Jolieville");
  const verne = await site(j, "Accueil de loisirs Jules Verne", "15 avenue des Sports, Jolieville");
  // The site agent looks after Jolieville's three sites (a site agent sees only the sites given to them).
  const [animateur] = await tx.select({ id: users.id }).from(users).where(eq(users.email, "animateur@jolieville.test"));
  await tx.insert(membershipSites).values([ferry, periFerry, verne].map((siteId) => ({ tenantId: j, userId: animateur!.id, siteId })));
  const schoolDays = [1, 2, 4, 5];
  const cantine = await activity({
    tenantId: j, siteId: ferry, schoolYearId: jYear, service: "cantine", name: "Cantine", unit: "meal", weekdays: schoolDays,
    runsOn: "term", capacity: null, bookingRule: { kind: "days_before", days: 6, time: "23:59", counting: "all", excludedWeekdays: [6, 7], excludePublicHolidays: true },
    autoAcceptEnrolment: true,
  });
  const garderieRule = { kind: "days_before" as const, days: 2, time: "18:00", counting: "open" as const, excludedWeekdays: [6, 7], excludePublicHolidays: true };
  const garderieMatin = await activity({
    tenantId: j, siteId: periFerry, schoolYearId: jYear, service: "garderie_matin", name: "Garderie du matin", unit: "hour", weekdays: schoolDays,
    runsOn: "term", capacity: 40, bookingRule: garderieRule, autoAcceptEnrolment: true,
  });
  const garderieSoir = await activity({
    tenantId: j, siteId: periFerry, schoolYearId: jYear, service: "garderie_soir", name: "Garderie du soir", unit: "hour", weekdays: schoolDays,
    runsOn: "term", capacity: 40, bookingRule: garderieRule, autoAcceptEnrolment: true,
  });
  const mercredi = await activity({
    tenantId: j, siteId: verne, schoolYearId: jYear, service: "mercredi", name: "Mercredi loisirs", unit: "day", weekdays: [3],
    runsOn: "term", capacity: 24, bookingRule: { kind: "days_before", days: 1, time: "10:00", counting: "all", excludedWeekdays: [6, 7], excludePublicHolidays: true },
  });
  for (const childId of [ids.martin.Sarah!, ids.martin["Chloé"]!, ids.durand.Tom!]) {
    await enrol(j, childId, cantine);
    await enrol(j, childId, mercredi);
  }
  // One full Wednesday a few weeks ahead, to show the waiting list: the room is limited to one child that day.
  if (plan.fullWednesday) {
    await tx.insert(occurrences).values({ tenantId: j, activityId: mercredi, date: plan.fullWednesday, capacity: 1 });
    // Tom's family has no QF on file: the highest bracket of the Wednesday tariff below (15,00 €).
    await tx.insert(bookings).values({ tenantId: j, childId: ids.durand.Tom!, activityId: mercredi, date: plan.fullWednesday, status: "confirmed", unitPriceCents: 1500, siblingRank: 1, pricingLabel: "sans QF connu : tranche la plus haute, résident" });
  }
  await tx.insert(authorizedPickups).values([
    { tenantId: j, childId: ids.martin.Sarah!, name: "Jeanne Martin", relationship: "grand-mère", phone: "06 55 44 33 22" },
    { tenantId: j, childId: ids.martin["Chloé"]!, name: "Jeanne Martin", relationship: "grand-mère", phone: "06 55 44 33 22" },
  ]);

  // Val-Fleuri: prepaid basket, zone A.
  const v = ids.valFleuri;
  const vYear = await year(v, "A");
  const lutins = await site(v, "Cantine Les Lutins Gourmands", "1 place de la Mairie, Val-Fleuri");
  const oliviers = await site(v, "Accueil de loisirs Les Oliviers", "9 chemin des Oliviers, Val-Fleuri");
  const vfCantine = await activity({
    tenantId: v, siteId: lutins, schoolYearId: vYear, service: "cantine", name: "Cantine", unit: "meal", weekdays: schoolDays,
    runsOn: "term", capacity: null, bookingRule: { kind: "previous_weekday", weekday: 4, time: "12:00" }, autoAcceptEnrolment: true,
  });
  const vacances = await activity({
    tenantId: v, siteId: oliviers, schoolYearId: vYear, service: "vacances", name: "Centre de loisirs des vacances", unit: "day",
    weekdays: [1, 2, 3, 4, 5], runsOn: "holidays", capacity: 16, bookingRule: { kind: "weekday_of_previous_week", weekday: 3, time: "12:00" },
    cancelRule: { kind: "none" }, autoAcceptEnrolment: false,
  });
  await tx.insert(bookingOpenings).values({ tenantId: v, activityId: vacances, ...plan.summerOpening });
  await enrol(v, ids.martinVf.Louise!, vfCantine);

  await seedTariffs(tx, plan.year.startDate, { j, v, cantine, garderieMatin, garderieSoir, mercredi, vfCantine, vacances });
  await seedInvoices(tx, plan, { j, cantine, martin: ids.martin, durand: ids.durand });
  // Quotient familial: the Martins have a CAF attestation in both communes; the Durands none (highest bracket).
  const householdOf = async (childId: string) =>
    (await tx.select({ id: children.householdId }).from(children).where(eq(children.id, childId)))[0]!.id;
  const caf650 = { value: 650, source: "caf" as const, ...plan.quotient };
  await tx.insert(quotients).values([
    { tenantId: j, householdId: await householdOf(ids.martin.Sarah!), ...caf650 },
    { tenantId: v, householdId: await householdOf(ids.martinVf.Louise!), ...caf650 },
  ]);
}

/**
 * Demo tariffs from the start of the school year: by QF bracket (< 400, 400–700, 700–1 000, ≥ 1 000),
 * for non-residents too on Jolieville's bracketed activities (their top bracket is the former flat price).
 */
async function seedTariffs(
  tx: SeedTx,
  validFrom: string,
  a: { j: string; v: string; cantine: string; garderieMatin: string; garderieSoir: string; mercredi: string; vfCantine: string; vacances: string },
) {
  const byQf = (cents: [number, number, number, number]) => ({
    kind: "brackets" as const,
    brackets: [
      { upTo: 400, cents: cents[0] },
      { upTo: 700, cents: cents[1] },
      { upTo: 1000, cents: cents[2] },
      { upTo: null, cents: cents[3] },
    ],
  });
  const unit = (cents: number) => ({ kind: "unit" as const, cents });
  const rows: [string, string, unknown][] = [
    [a.j, a.cantine, { resident: byQf([120, 210, 300, 390]), nonResident: byQf([240, 330, 400, 450]), mealCents: 100, siblingReduction: { kind: "from_rank", fromRank: 3, percent: 10 } }],
    [a.j, a.garderieMatin, { resident: unit(150), nonResident: unit(220), absencePenaltyPercent: 0 }],
    [
      a.j,
      a.garderieSoir,
      { resident: { kind: "effort_rate", ratePerTenThousand: 20, minCents: 60, maxCents: 240 }, nonResident: unit(300), absencePenaltyPercent: 0, unbookedSurchargePercent: 150 },
    ],
    [a.j, a.mercredi, { resident: byQf([600, 900, 1200, 1500]), nonResident: byQf([1000, 1400, 1700, 2000]), mealCents: 300, siblingReduction: { kind: "by_rank", percents: [0, 10, 20] } }],
    [a.v, a.vfCantine, { resident: unit(360), nonResident: unit(480), mealCents: 250 }],
    [a.v, a.vacances, { resident: byQf([800, 1200, 1600, 2000]), nonResident: unit(2500), mealCents: 300, siblingReduction: { kind: "by_rank", percents: [0, 10] } }],
  ];
  await tx
    .insert(tariffs)
    .values(rows.map(([tenantId, activityId, pricing]) => ({ tenantId, activityId, validFrom, pricing: tariffPricingSchema.parse(pricing) })));
}

/**
 * The latest month billed in advance whose due date has passed (November 2026 at the tests' clock,
 * issued at the end of October): the Martins paid by cheque, the Durands have not paid yet (their
 * next invoice shows it as previous balance). Canteen at the seed tariffs (Martin QF 650: 2,10 €;
 * Durand, no QF: 3,90 €, of which 1,00 € meal). The billed days are on the invoice lines only, not
 * in the bookings table, so the historic demo's planning, absences and meal counts stay as the
 * journeys expect; invoice numbers continue from the counter.
 */
async function seedInvoices(tx: SeedTx, plan: DemoPlan, a: { j: string; cantine: string; martin: Record<string, string>; durand: Record<string, string> }) {
  const householdOf = async (childId: string) =>
    (await tx.select({ id: children.householdId }).from(children).where(eq(children.id, childId)))[0]!.id;
  const martin = await householdOf(a.martin.Sarah!);
  const durand = await householdOf(a.durand.Tom!);
  const { issuedAt, days } = plan.invoice;
  const numberYear = yearOf(issuedAt);
  // Issued by the admin (a run without an author is the scheduler's).
  const [admin] = await tx.select({ id: users.id }).from(users).where(eq(users.email, "admin@jolieville.test"));
  const [run] = await tx
    .insert(invoiceRuns)
    .values({ tenantId: a.j, period: plan.invoice.period, mode: "advance", status: "issued", invoiceCount: 2, totalCents: 0, createdAt: issuedAt, issuedAt, createdBy: admin!.id })
    .returning({ id: invoiceRuns.id });
  const line = (childId: string, kind: "service" | "meal", label: string, dates: string[], unit: number, position: number) => ({
    tenantId: a.j, childId, activityId: a.cantine, kind, label, dates, quantity: dates.length, unitPriceCents: unit, amountCents: unit * dates.length, position,
  });
  const number = (n: number) => `${numberYear}-${String(n).padStart(6, "0")}`;
  const docs = [
    {
      householdId: martin,
      number: number(1),
      lines: [
        line(a.martin["Chloé"]!, "service", "Cantine — accueil (hors repas)", days["Chloé"], 110, 0),
        line(a.martin["Chloé"]!, "meal", "Cantine — repas", days["Chloé"], 100, 1),
        line(a.martin.Sarah!, "service", "Cantine — accueil (hors repas)", days.Sarah, 110, 2),
        line(a.martin.Sarah!, "meal", "Cantine — repas", days.Sarah, 100, 3),
      ],
    },
    {
      householdId: durand,
      number: number(2),
      lines: [line(a.durand.Tom!, "service", "Cantine — accueil (hors repas)", days.Tom, 290, 0), line(a.durand.Tom!, "meal", "Cantine — repas", days.Tom, 100, 1)],
    },
  ];
  let runTotal = 0;
  for (const doc of docs) {
    const totalCents = doc.lines.reduce((n, l) => n + l.amountCents, 0);
    runTotal += totalCents;
    const [invoice] = await tx
      .insert(invoices)
      .values({ tenantId: a.j, householdId: doc.householdId, runId: run!.id, number: doc.number, kind: "monthly", periodLabel: plan.invoice.periodLabel, issuedAt, dueDate: plan.invoice.dueDate, totalCents })
      .returning({ id: invoices.id });
    await tx.insert(invoiceLines).values(doc.lines.map((l) => ({ ...l, invoiceId: invoice!.id })));
    if (doc.householdId === martin) {
      const [payment] = await tx
        .insert(payments)
        .values({ tenantId: a.j, householdId: martin, method: "cheque", amountCents: totalCents, status: "succeeded", purpose: "invoices", reference: "Chèque n° 0004521", createdAt: plan.invoice.paidAt, settledAt: plan.invoice.paidAt })
        .returning({ id: payments.id });
      await tx.insert(paymentAllocations).values({ tenantId: a.j, paymentId: payment!.id, invoiceId: invoice!.id, amountCents: totalCents });
    }
  }
  await tx.update(invoiceRuns).set({ totalCents: runTotal }).where(eq(invoiceRuns.id, run!.id));
  await tx.insert(documentCounters).values({ tenantId: a.j, kind: "invoice", year: numberYear, last: docs.length });
  await seedTomCanteenBookings(tx, plan, { j: a.j, cantine: a.cantine, tom: a.durand.Tom! });
}

/** Tom's canteen days of this month so far, when it is not invoiced yet (see DemoPlan.tomDaysThisMonth). */
async function seedTomCanteenBookings(tx: SeedTx, plan: DemoPlan, a: { j: string; cantine: string; tom: string }) {
  const days = plan.tomDaysThisMonth;
  if (!days.length) return;
  // A booking is of an occurrence row (the day's lock and capacity).
  await tx.insert(occurrences).values(days.map((date) => ({ tenantId: a.j, activityId: a.cantine, date }))).onConflictDoNothing();
  await tx.insert(bookings).values(
    days.map((date) => ({
      tenantId: a.j, childId: a.tom, activityId: a.cantine, date, status: "confirmed" as const, unitPriceCents: 390, siblingRank: 1,
      pricingLabel: "sans QF connu : tranche la plus haute, résident", createdAt: twoWeeksBefore(date),
    })),
  );
}

/** Booked well before the day: two weeks earlier, at noon in Paris. */
const twoWeeksBefore = (day: string) => zonedInstant(addDays(day, -14), "12:00", "Europe/Paris");
