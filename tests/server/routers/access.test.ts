import { randomUUID } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { activities, bookings, children, households, tenants } from "@/db/schema";
import { withPlatform } from "@/db/transaction";
import { env } from "@/config/env";
import { messages } from "@/common/messages";
import { defaultCriteria } from "@/common/allocation";
import { appRouter } from "@/server/root";
import { callerAs, loadDemo, tenantId } from "../../fixtures/demo";

type Caller = Awaited<ReturnType<typeof callerAs>>;

let jolieville: string;
let valFleuri: string;
const ids = { martinRequest: "", martinMessage: "", martinJolieville: "", durand: "", martinValFleuri: "", sarah: "", tom: "", louise: "", cantine: "", mercredi: "" };

beforeAll(async () => {
  await loadDemo();
  jolieville = await tenantId("jolieville");
  valFleuri = await tenantId("val-fleuri");
  const rows = await withPlatform((tx) => tx.select({ id: households.id, reference: households.reference }).from(households));
  const byRef = (ref: string) => rows.find((r) => r.reference === ref)!.id;
  ids.martinJolieville = byRef("JOL-00042");
  ids.durand = byRef("JOL-00057");
  ids.martinValFleuri = byRef("VF-0815");
  const kids = await withPlatform((tx) => tx.select({ id: children.id, firstName: children.firstName }).from(children));
  ids.sarah = kids.find((k) => k.firstName === "Sarah")!.id;
  ids.tom = kids.find((k) => k.firstName === "Tom")!.id;
  ids.louise = kids.find((k) => k.firstName === "Louise")!.id;
  const acts = await withPlatform((tx) =>
    tx.select({ id: activities.id, name: activities.name }).from(activities).where(eq(activities.tenantId, jolieville)),
  );
  ids.cantine = acts.find((a) => a.name === "Cantine")!.id;
  ids.mercredi = acts.find((a) => a.name === "Mercredi loisirs")!.id;
  // A request and a message of the Martins in Jolieville, which nobody else may reach.
  const martins = await callerAs("parent@recre.test", "jolieville");
  const question = (await martins.requests.categories()).find((c) => c.kind === "question")!;
  ids.martinRequest = (await martins.requests.submit({ categoryId: question.id, fields: { question: "Question privée" } })).requestId;
  await (await callerAs("agent@jolieville.test", "jolieville")).messages.send({ audience: { householdId: ids.martinJolieville }, subject: "Privé", body: "Pour les Martin" });
  ids.martinMessage = (await martins.messages.mine())[0]!.id;
});

/** One harmless, well-formed call per procedure; the guard test below keeps this list complete. */
/** A valid allocation round form (issue #15), for an activity that does not exist. */
const roundFields = () => ({
  activityId: randomUUID(),
  roundLabel: "Été",
  mode: "application" as const,
  periodFrom: "2027-07-05",
  periodTo: "2027-07-16",
  opensDate: "2027-03-01",
  opensTime: "09:00",
  closesDate: "2027-03-15",
  closesTime: "18:00",
  criteria: { ...defaultCriteria },
});

const procedures: Record<string, (c: Caller) => Promise<unknown>> = {
  "auth.requestPasswordReset": (c) => c.auth.requestPasswordReset({ email: "personne@exemple.test" }),
  "auth.linkStatus": (c) => c.auth.linkStatus({ token: "faux", purpose: "reset" }),
  "auth.resetPassword": (c) => c.auth.resetPassword({ token: "faux", newPassword: "nouveau-mot-2026", confirmPassword: "nouveau-mot-2026" }),
  "auth.activate": (c) => c.auth.activate({ token: "faux", newPassword: "nouveau-mot-2026", confirmPassword: "nouveau-mot-2026" }),
  "signup.request": (c) => c.signup.request({ method: "link", email: "acces@exemple.test" }),
  "signup.confirm": (c) => c.signup.confirm({ token: "faux" }).catch(() => undefined),
  // Team: an unknown site or member is refused even to the admin, so nothing changes.
  "team.list": (c) => c.team.list(),
  "team.invite": (c) => c.team.invite({ email: "intrus-equipe@exemple.test", name: "Intrus", role: "site_agent", siteIds: [randomUUID()] }),
  "team.resendInvitation": (c) => c.team.resendInvitation({ userId: randomUUID() }),
  "team.changeRole": (c) => c.team.changeRole({ userId: randomUUID(), role: "agent", siteIds: [] }),
  "team.deactivate": (c) => c.team.deactivate({ userId: randomUUID() }),
  // A preview writes nothing; an import of an empty file is refused.
  // A child born in the future is refused even to the front desk.
  "familyCreation.create": (c) =>
    c.familyCreation.create({
      name: "Famille Intrus",
      isResident: true,
      guardians: [{ firstName: "Ivan", lastName: "Intrus", invite: "code" }],
      children: [{ firstName: "Iris", lastName: "Intrus", birthDate: "2099-01-01" }],
    }),
  // Family files: another family's household or child is NOT_FOUND; harmless when allowed (no change of value, an unknown change).
  "familyFile.get": (c) => c.familyFile.get({ householdId: ids.martinJolieville }),
  "familyFile.change": (c) => c.familyFile.change({ householdId: ids.martinJolieville, childId: ids.sarah, section: "diet", value: { diet: "standard" } }),
  "familyFile.history": (c) => c.familyFile.history({ householdId: ids.martinJolieville }),
  "familyFile.review": (c) => c.familyFile.review({ householdId: ids.martinJolieville }),
  "familyFile.markReviewed": (c) => c.familyFile.markReviewed({ householdId: ids.martinJolieville }),
  "familyFiles.get": (c) => c.familyFiles.get({ householdId: ids.durand }),
  "familyFiles.change": (c) => c.familyFiles.change({ householdId: ids.durand, childId: ids.tom, section: "schooling", value: { school: "École Jules Ferry", classLevel: "CE2" } }),
  "familyFiles.history": (c) => c.familyFiles.history({ householdId: ids.durand }),
  "familyFiles.pending": (c) => c.familyFiles.pending(),
  "familyFiles.decide": (c) => c.familyFiles.decide({ changeId: randomUUID(), decision: "accepted", reason: "" }),
  "familyFiles.settings": (c) => c.familyFiles.settings(),
  "familyFiles.setSettings": (c) => c.familyFiles.setSettings({ offeredDiets: ["sans_porc", "sans_viande", "vegetarien", "sans_gluten"], reviewedSections: ["address", "allergies", "health"] }),
  "familyFiles.healthViews": (c) => c.familyFiles.healthViews({}),
  "familyFiles.startReview": (c) => c.familyFiles.startReview().catch((e: { code?: string }) => (e.code === "CONFLICT" ? undefined : Promise.reject(e))),
  "familyFiles.reviewStatus": (c) => c.familyFiles.reviewStatus(),
  // Pre-registration: the family's side is open to any signed-in account in an active commune (its own application only).
  "preregistration.mine": (c) => c.preregistration.mine(),
  "preregistration.myApplications": (c) => c.preregistration.myApplications(),
  "preregistration.saveDraft": (c) => c.preregistration.saveDraft({}),
  "preregistration.submit": (c) => c.preregistration.submit(),
  "preregistration.removeDocument": (c) => c.preregistration.removeDocument({ documentTypeId: randomUUID() }),
  "preregistration.list": (c) => c.preregistration.list({}),
  "preregistration.get": (c) => c.preregistration.get({ applicationId: randomUUID() }),
  "preregistration.decide": (c) => c.preregistration.decide({ applicationId: randomUUID(), decision: "refuse", reason: "Intrus" }),
  "preregistration.documentTypes": (c) => c.preregistration.documentTypes(),
  // The label every commune starts with: refused as a duplicate even to the admin.
  "preregistration.addDocumentType": (c) => c.preregistration.addDocumentType({ label: "Justificatif de domicile de moins de 3 mois", required: true }),
  "preregistration.updateDocumentType": (c) => c.preregistration.updateDocumentType({ documentTypeId: randomUUID(), label: "Intrus", required: false, archived: true }),
  "households.search": (c) => c.households.search({ search: "Martin" }),
  "platform.tenant": (c) => c.platform.tenant({ tenantId: randomUUID() }),
  "platform.updateTenant": (c) => c.platform.updateTenant({ tenantId: randomUUID(), name: "Intrus", holidayZone: "A", timeZone: "Europe/Paris" }),
  "platform.addAdmin": (c) => c.platform.addAdmin({ tenantId: randomUUID(), email: "intrus@exemple.test", name: "Intrus" }),
  "platform.replaceAdmin": (c) => c.platform.replaceAdmin({ tenantId: randomUUID(), formerUserId: randomUUID(), email: "intrus@exemple.test", name: "Intrus" }),
  "auth.changePassword": (c) =>
    c.auth.changePassword({ currentPassword: "pas-le-bon", newPassword: "nouveau-mot-2026", confirmPassword: "nouveau-mot-2026" }),
  "commune.access": (c) => c.commune.access(),
  "auth.signOutEverywhere": (c) => c.auth.signOutEverywhere(),
  "legal.commune": (c) => c.legal.commune({ slug: "jolieville" }),
  "dev.mailbox": (c) => c.dev.mailbox(),
  "dev.mail": (c) => c.dev.mail({ id: randomUUID() }),
  "family.myCommunes": (c) => c.family.myCommunes(),
  "family.myFamily": (c) => c.family.myFamily(),
  "family.linkableCommunes": (c) => c.family.linkableCommunes(),
  "family.emailPreferences": (c) => c.family.emailPreferences(),
  "family.setEmailPreferences": (c) => c.family.setEmailPreferences({ bookingEmails: true }),
  "family.linkHousehold": (c) => c.family.linkHousehold({ communeSlug: "atlantis", familyReference: "X-1", code: "AAAA-AAAA-AAAA" }),
  "commune.settings": (c) => c.commune.settings(),
  "commune.setBillingSettings": (c) => c.commune.setBillingSettings({ billingMode: "invoice", basketHoldMinutes: 30, qfPartsRule: "fiscal" }),
  "commune.setContact": (c) => c.commune.setContact({ city: "Atlantis" }),
  "commune.paymentSettings": (c) => c.commune.paymentSettings(),
  // An unknown provider is refused even to the admin, so nothing changes.
  "commune.setPaymentSettings": (c) => c.commune.setPaymentSettings({ provider: "inconnu" }),
  // No commune of the demo chose a provider with an account to open: refused, nothing called.
  "commune.startPaymentOnboarding": (c) => c.commune.startPaymentOnboarding(),
  "commune.setLogo": (c) => c.commune.setLogo({ logo: null }),
  "households.access": (c) => c.households.access({ householdId: ids.durand }),
  "households.regenerateActivationCode": (c) => c.households.regenerateActivationCode({ householdId: randomUUID() }),
  "households.setResident": (c) => c.households.setResident({ householdId: randomUUID(), isResident: true }),
  "payments.myPayableInvoices": (c) => c.payments.myPayableInvoices(),
  "payments.payInvoicesOnline": (c) => c.payments.payInvoicesOnline({ invoiceIds: [randomUUID()] }),
  // Removing a photo that is not there: harmless when allowed.
  "family.setChildPhoto": (c) => c.family.setChildPhoto({ childId: ids.sarah, photo: null }),
  "households.setChildPhoto": (c) => c.households.setChildPhoto({ childId: ids.tom, photo: null }),
  "dashboard.get": (c) => c.dashboard.get(),
  "households.list": (c) => c.households.list(),
  "households.get": (c) => c.households.get({ householdId: ids.durand }),
  "households.overrides": (c) => c.households.overrides({ householdId: ids.durand }),
  "platform.tenants": (c) => c.platform.tenants(),
  "platform.createTenant": (c) =>
    c.platform.createTenant({
      name: "Bourg-Intrus",
      slug: "bourg-intrus",
      holidayZone: "B",
      timeZone: "Europe/Paris",
      billingMode: "invoice",
      adminEmail: "intrus@exemple.test",
      adminName: "Intrus",
    }),
  "platform.setStatus": (c) => c.platform.setStatus({ tenantId: jolieville, status: "suspended" }),
  // Harmless even when allowed: a day in the Christmas holidays is refused, an accepted enrolment is kept as is.
  "reservations.children": (c) => c.reservations.children(),
  "reservations.planning": (c) => c.reservations.planning({ childId: ids.sarah, from: "2026-12-01", to: "2026-12-31" }),
  "reservations.applyChanges": (c) =>
    c.reservations.applyChanges({ changes: [{ childId: ids.sarah, activityId: ids.cantine, date: "2026-12-22", action: "book" }] }),
  "reservations.previewTypicalWeek": (c) =>
    c.reservations.previewTypicalWeek({ childId: ids.sarah, activityId: ids.cantine, weekdays: [1], periodKey: "next_month" }),
  "reservations.typicalWeekPeriods": (c) => c.reservations.typicalWeekPeriods({ activityId: ids.cantine }),
  "reservations.enrolments": (c) => c.reservations.enrolments(),
  "reservations.enrolableActivities": (c) => c.reservations.enrolableActivities(),
  "reservations.requestEnrolment": (c) => c.reservations.requestEnrolment({ childId: ids.sarah, activityId: ids.cantine }),
  "enrolments.list": (c) => c.enrolments.list({}),
  "enrolments.decide": (c) => c.enrolments.decide({ enrolmentId: randomUUID(), decision: "accepted" }),
  "bookingsOnBehalf.planning": (c) => c.bookingsOnBehalf.planning({ childId: ids.tom, from: "2026-12-01", to: "2026-12-31" }),
  "bookingsOnBehalf.applyChanges": (c) =>
    c.bookingsOnBehalf.applyChanges({ changes: [{ childId: ids.tom, activityId: ids.cantine, date: "2026-12-22", action: "book" }] }),
  "calendar.settings": (c) => c.calendar.settings(),
  "calendar.schoolYears": (c) => c.calendar.schoolYears(),
  "calendar.schoolYear": (c) => c.calendar.schoolYear({ schoolYearId: randomUUID() }),
  "calendar.periods": (c) => c.calendar.periods({ from: "2026-09-01", to: "2027-07-02" }),
  "calendar.publicHolidays": (c) => c.calendar.publicHolidays({ from: "2026-09-01", to: "2027-07-02" }),
  "calendar.createSchoolYear": (c) => c.calendar.createSchoolYear({ label: "2040-2041", startDate: "2040-09-01", endDate: "2041-07-05" }),
  "calendar.addPeriod": (c) => c.calendar.addPeriod({ kind: "closure", label: "Intrus", startDate: "2026-11-10", endDate: "2026-11-10" }),
  "calendar.updatePeriod": (c) =>
    c.calendar.updatePeriod({ periodId: randomUUID(), kind: "closure", label: "Intrus", startDate: "2026-11-10", endDate: "2026-11-10" }),
  "calendar.deletePeriod": (c) => c.calendar.deletePeriod({ periodId: randomUUID() }),
  "calendar.importPeriods": (c) => c.calendar.importPeriods({ file: "x" }),
  "calendar.updateSchoolYear": (c) => c.calendar.updateSchoolYear({ schoolYearId: randomUUID(), label: "Intrus", startDate: "2040-09-01", endDate: "2041-07-05" }),
  "calendar.periodImpact": (c) => c.calendar.periodImpact({ periodId: randomUUID() }),
  "calendar.previewImport": (c) => c.calendar.previewImport({ file: "x" }),
  "calendar.regionImpact": (c) => c.calendar.regionImpact({ publicHolidayRegion: "FR-57" }),
  "calendar.setPublicHolidayRegion": (c) => c.calendar.setPublicHolidayRegion({ publicHolidayRegion: "FR" }),
  "attendance.sites": (c) => c.attendance.sites(),
  "attendance.dailyList": (c) => c.attendance.dailyList({ siteId: randomUUID(), date: "2026-12-03" }),
  "attendance.mark": (c) => c.attendance.mark({ activityId: randomUUID(), date: "2026-12-03", childId: randomUUID(), status: "present" }),
  "attendance.unmark": (c) => c.attendance.unmark({ activityId: randomUUID(), date: "2026-12-03", childId: randomUUID() }),
  "attendance.enrolledNotBooked": (c) => c.attendance.enrolledNotBooked({ activityId: randomUUID(), date: "2026-12-03" }),
  "attendance.mealCounts": (c) => c.attendance.mealCounts({ from: "2026-11-30", to: "2026-12-06" }),
  "calendarFeed.status": (c) => c.calendarFeed.status(),
  "calendarFeed.create": (c) => c.calendarFeed.create({ householdId: ids.martinJolieville }),
  "calendarFeed.revoke": (c) => c.calendarFeed.revoke({ householdId: ids.martinJolieville }),
  "absences.mine": (c) => c.absences.mine(),
  "absences.report": (c) => c.absences.report({ bookingId: randomUUID(), reason: "illness" }),
  "absences.list": (c) => c.absences.list({ status: "pending" }),
  "absences.review": (c) => c.absences.review({ reportId: randomUUID(), decision: "accepted" }),
  // Other communes' ids never resolve: these would only touch a Val-Fleuri row, which no Jolieville caller can reach.
  "activities.sites": (c) => c.activities.sites(),
  "activities.list": (c) => c.activities.list(),
  "activities.get": (c) => c.activities.get({ activityId: ids.cantine }),
  "activities.capacityByDay": (c) => c.activities.capacityByDay({ activityId: ids.cantine, month: "2026-12" }),
  "activities.dayOverrides": (c) => c.activities.dayOverrides({ activityId: ids.cantine, from: "2026-12-01", to: "2026-12-31" }),
  "activities.openings": (c) => c.activities.openings({ activityId: ids.cantine }),
  "activities.createSite": (c) => c.activities.createSite({ name: "", address: "" }),
  "activities.updateSite": (c) => c.activities.updateSite({ siteId: randomUUID(), name: "Renommé", address: "" }),
  "activities.archiveSite": (c) => c.activities.archiveSite({ siteId: randomUUID(), archived: true }),
  "activities.create": (c) =>
    c.activities.create({
      siteId: randomUUID(),
      schoolYearId: randomUUID(),
      service: "etude",
      name: "Étude surveillée",
      unit: "hour",
      weekdays: [1, 2, 4, 5],
      runsOn: "term",
      capacity: 20,
      bookingRule: { kind: "days_before", days: 2, time: "18:00", counting: "all", excludedWeekdays: [6, 7], excludePublicHolidays: true },
      cancelRule: null,
    }),
  "activities.update": (c) =>
    c.activities.update({
      activityId: randomUUID(),
      siteId: randomUUID(),
      schoolYearId: randomUUID(),
      service: "etude",
      name: "Étude surveillée",
      unit: "hour",
      weekdays: [1, 2, 4, 5],
      runsOn: "term",
      capacity: 20,
      bookingRule: { kind: "days_before", days: 2, time: "18:00", counting: "all", excludedWeekdays: [6, 7], excludePublicHolidays: true },
      cancelRule: null,
    }),
  "activities.archive": (c) => c.activities.archive({ activityId: randomUUID(), archived: true }),
  "activities.setDayOverride": (c) => c.activities.setDayOverride({ activityId: randomUUID(), date: "2027-01-06", capacity: 0, closed: true }),
  "activities.addOpening": (c) =>
    c.activities.addOpening({ activityId: randomUUID(), fromDate: "2027-01-04", toDate: "2027-01-29", opensDate: "2026-12-01", opensTime: "08:00" }),
  "activities.deleteOpening": (c) => c.activities.deleteOpening({ openingId: randomUUID() }),
  "tariffs.list": (c) => c.tariffs.list({ activityId: ids.cantine }),
  "tariffs.add": (c) =>
    c.tariffs.add({ activityId: randomUUID(), validFrom: "2027-06-01", pricing: { resident: { kind: "unit", cents: 300 }, nonResident: { kind: "unit", cents: 400 } } }),
  "tariffs.delete": (c) => c.tariffs.delete({ tariffId: randomUUID() }),
  "quotients.ofHousehold": (c) => c.quotients.ofHousehold({ householdId: ids.durand }),
  "quotients.recordCaf": (c) =>
    c.quotients.recordCaf({ householdId: randomUUID(), value: 500, attestationDate: "2025-01-10", validFrom: "2025-01-01", validTo: "2025-06-30" }),
  "quotients.recordFiscal": (c) =>
    c.quotients.recordFiscal({ householdId: randomUUID(), annualIncomeCents: 2400000, monthlyBenefitsCents: 0, parts: 2, validFrom: "2025-01-01", validTo: "2025-06-30" }),
  "quotients.mine": (c) => c.quotients.mine(),
  "basket.basket": (c) => c.basket.basket(),
  "basket.removeFromBasket": (c) => c.basket.removeFromBasket({ bookingId: randomUUID() }),
  "basket.emptyBasket": (c) => c.basket.emptyBasket(),
  "basket.startPayment": (c) => c.basket.startPayment(),
  "basket.paymentStatus": (c) => c.basket.paymentStatus({ ref: "demo_inexistant" }),
  "payments.statement": (c) => c.payments.statement({ householdId: ids.durand }),
  "payments.refundable": (c) => c.payments.refundable({ householdId: ids.durand }),
  // Another commune's household, or no credit to give back: refused, nothing written.
  "payments.refundThroughProvider": (c) => c.payments.refundThroughProvider({ householdId: ids.martinValFleuri, paymentId: randomUUID(), amount: "1,00" }),
  "payments.recordTreasuryRefund": (c) => c.payments.recordTreasuryRefund({ householdId: ids.martinValFleuri, amount: "1,00", method: "transfer", reference: "" }),
  "payments.unpaidInvoices": (c) => c.payments.unpaidInvoices({ householdId: ids.durand }),
  "payments.recordCounterPayment": (c) => c.payments.recordCounterPayment({ householdId: randomUUID(), method: "cash", amount: "1,00", reference: "", idempotencyKey: randomUUID() }),
  "payments.myStatement": (c) => c.payments.myStatement(),
  "payments.debtBlock": (c) => c.payments.debtBlock(),
  "payments.setDebtBlock": (c) => c.payments.setDebtBlock({ debtBlock: "" }),
  "invoices.previewRun": (c) => c.invoices.previewRun({ period: "2026-12", mode: "advance" }),
  "invoices.issueBatch": (c) => c.invoices.issueBatch({ period: "2031-01", mode: "advance" }),
  "invoices.runs": (c) => c.invoices.runs(),
  "invoices.runDetail": (c) => c.invoices.runDetail({ runId: randomUUID() }),
  "invoices.suggestedRun": (c) => c.invoices.suggestedRun(),
  "invoices.schedule": (c) => c.invoices.schedule(),
  "invoices.setSchedule": (c) => c.invoices.setSchedule({ scheduledRuns: false, advanceRunDay: 27, arrearsRunDay: 15 }),
  "invoices.householdInvoices": (c) => c.invoices.householdInvoices({ householdId: ids.durand }),
  "invoices.staffDetail": (c) => c.invoices.staffDetail({ invoiceId: randomUUID() }),
  "invoices.creditNote": (c) => c.invoices.creditNote({ invoiceId: randomUUID(), amountCents: 1, reason: "test" }),
  "invoices.mine": (c) => c.invoices.mine(),
  "invoices.detail": (c) => c.invoices.detail({ invoiceId: randomUUID() }),
  "invoices.setHidden": (c) => c.invoices.setHidden({ invoiceId: randomUUID(), hidden: false }),
  "invoices.deliveries": (c) => c.invoices.deliveries(),
  "invoices.setDelivery": (c) => c.invoices.setDelivery({ householdId: ids.durand, delivery: "paper" }),
  // Demandes: unknown ids are NOT_FOUND for everyone; a refused category or empty message changes nothing.
  "requests.categories": (c) => c.requests.categories(),
  "requests.staffCategories": (c) => c.requests.staffCategories(),
  "requests.saveCategory": (c) =>
    c.requests.saveCategory({ categoryId: randomUUID(), name: "Intrus", kind: "question", description: "", fields: [], requiredAttachments: [], handledBy: "agent", targetDays: null, archived: false }),
  "requests.submit": (c) => c.requests.submit({ categoryId: randomUUID(), fields: {} }),
  "requests.mine": (c) => c.requests.mine(),
  "requests.detail": (c) => c.requests.detail({ requestId: ids.martinRequest }),
  "requests.reply": (c) => c.requests.reply({ requestId: ids.martinRequest, body: "" }),
  "requests.inbox": (c) => c.requests.inbox({}),
  "requests.counts": (c) => c.requests.counts(),
  "requests.assignable": (c) => c.requests.assignable(),
  "requests.staffDetail": (c) => c.requests.staffDetail({ requestId: ids.martinRequest }),
  "requests.assign": (c) => c.requests.assign({ requestId: randomUUID(), assigneeUserId: null }),
  "requests.answer": (c) => c.requests.answer({ requestId: ids.martinRequest, body: "" }),
  "requests.accept": (c) => c.requests.accept({ requestId: randomUUID() }),
  "requests.refuse": (c) => c.requests.refuse({ requestId: randomUUID(), reason: "x" }),
  "messages.unreadEverywhere": (c) => c.messages.unreadEverywhere(),
  "messages.mine": (c) => c.messages.mine(),
  "messages.write": (c) => c.messages.write({ householdId: ids.martinJolieville, subject: "", body: "" }),
  "messages.markRead": (c) => c.messages.markRead({ messageId: ids.martinMessage }),
  "messages.send": (c) => c.messages.send({ audience: { householdId: randomUUID() }, subject: "Intrus", body: "" }),
  "messages.staffList": (c) => c.messages.staffList({ householdId: ids.martinJolieville }),
  "messages.staffMarkRead": (c) => c.messages.staffMarkRead({ messageId: randomUUID() }),
  "publications.publicPage": (c) => c.publications.publicPage({ slug: "jolieville" }),
  "publications.forFamily": (c) => c.publications.forFamily(),
  "publications.staff": (c) => c.publications.staff(),
  "publications.saveNews": (c) => c.publications.saveNews({ newsId: randomUUID(), title: "Intrus", body: "" }),
  "publications.deleteNews": (c) => c.publications.deleteNews({ newsId: randomUUID() }),
  "publications.publishDocument": (c) => c.publications.publishDocument({ title: "", category: "menu", file: { name: "a.pdf", type: "application/pdf", base64: "AAAA" } }),
  "publications.withdrawDocument": (c) => c.publications.withdrawDocument({ documentId: randomUUID() }),
  "publications.saveProfile": (c) => c.publications.saveProfile({ presentation: "", openingHours: "" }),
  // Direct debit, reminders, tax certificates: writes are refused (bad ICS or IBAN, a date too close, unknown ids).
  "collection.settings": (c) => c.collection.settings(),
  "collection.setSettings": (c) => c.collection.setSettings({ creditorId: "FR00ZZZ000000", creditorIban: "", creditorBic: "", debitDay: 5, rejectFeeCents: 0, reminderDays: [] }),
  "collection.mandate": (c) => c.collection.mandate(),
  "collection.signMandate": (c) => c.collection.signMandate({ holderName: "Ivan Intrus", iban: "FR00 0000", bic: "XXXX", accepted: true }),
  "collection.revokeMandate": (c) => c.collection.revokeMandate(),
  "collection.householdMandate": (c) => c.collection.householdMandate({ householdId: ids.durand }),
  "collection.revokeHouseholdMandate": (c) => c.collection.revokeHouseholdMandate({ householdId: randomUUID() }),
  "collection.debitRuns": (c) => c.collection.debitRuns(),
  "collection.debitRun": (c) => c.collection.debitRun({ runId: randomUUID() }),
  "collection.createDebitRun": (c) => c.collection.createDebitRun({ collectionDate: "2026-11-26" }),
  "collection.exportDebitRun": (c) => c.collection.exportDebitRun({ runId: randomUUID() }),
  "collection.recordRejection": (c) => c.collection.recordRejection({ runId: randomUUID(), mandateId: randomUUID(), reason: "AM04" }),
  "collection.reminders": (c) => c.collection.reminders(),
  "collection.treasury": (c) => c.collection.treasury(),
  "collection.runReminders": (c) => c.collection.runReminders(),
  "collection.certificates": (c) => c.collection.certificates(),
  "collection.householdCertificates": (c) => c.collection.householdCertificates({ householdId: ids.durand }),
  "collection.reissueCertificate": (c) => c.collection.reissueCertificate({ householdId: randomUUID(), year: 2025 }),
  "dashboard.setup": (c) => c.dashboard.setup(),
  "home.overview": (c) => c.home.overview(),
  "home.monthsInProgress": (c) => c.home.monthsInProgress(),
  // RGPD: an unknown household or request is NOT_FOUND to anyone; periods out of bounds are refused even to the admin.
  "rgpd.requestErasure": (c) => c.rgpd.requestErasure({ householdId: randomUUID() }),
  "rgpd.erasureStatus": (c) => c.rgpd.erasureStatus({ householdId: randomUUID() }),
  "rgpd.erasureRequests": (c) => c.rgpd.erasureRequests(),
  "rgpd.processErasure": (c) => c.rgpd.processErasure({ requestId: randomUUID() }),
  "rgpd.retention": (c) => c.rgpd.retention(),
  "allocation.list": (c) => c.allocation.list(),
  "allocation.get": (c) => c.allocation.get({ roundId: randomUUID() }),
  "allocation.create": (c) => c.allocation.create(roundFields()),
  "allocation.update": (c) => c.allocation.update({ ...roundFields(), roundId: randomUUID() }),
  "allocation.updateFirstCome": (c) => c.allocation.updateFirstCome({ roundId: randomUUID(), roundLabel: "Été", opensDate: "2027-05-03", opensTime: "09:00" }),
  "allocation.remove": (c) => c.allocation.remove({ roundId: randomUUID() }),
  "allocation.open": (c) => c.allocation.open({ roundId: randomUUID() }),
  "allocation.close": (c) => c.allocation.close({ roundId: randomUUID() }),
  "allocation.run": (c) => c.allocation.run({ roundId: randomUUID() }),
  "allocation.adjust": (c) => c.allocation.adjust({ roundId: randomUUID(), applicationId: randomUUID(), placedChoice: null, adjustReason: "essai" }),
  "allocation.setSocial": (c) => c.allocation.setSocial({ roundId: randomUUID(), applicationId: randomUUID(), socialPriority: true }),
  "allocation.publish": (c) => c.allocation.publish({ roundId: randomUUID() }),
  "allocation.verify": (c) => c.allocation.verify({ roundId: randomUUID() }),
  "allocation.mine": (c) => c.allocation.mine(),
  "allocation.saveApplication": (c) =>
    c.allocation.saveApplication({ roundId: randomUUID(), childId: randomUUID(), choices: [{ days: ["2027-07-05"] }], parentsWorking: false, keepSiblingsTogether: false }),
  "allocation.withdraw": (c) => c.allocation.withdraw({ roundId: randomUUID(), childId: randomUUID() }),
  "rgpd.setRetentionSettings": (c) => c.rgpd.setRetentionSettings({ familyRetentionYears: 0, healthRetentionMonths: 0, auditRetentionMonths: 0 }),
  "rgpd.journal": (c) => c.rgpd.journal({}),
  "rgpd.journalFamilies": (c) => c.rgpd.journalFamilies(),
};
/** The staff side of pre-registration (the queue, the commune's document list); the family side is any account's. */
const preregistrationStaff = ["preregistration.list", "preregistration.get", "preregistration.decide", "preregistration.documentTypes", "preregistration.addDocumentType", "preregistration.updateDocumentType"];
const applicantPaths = ["preregistration.mine", "preregistration.saveDraft", "preregistration.submit", "preregistration.removeDocument"];
const publicPaths = ["publications.publicPage", "legal.commune", "auth.requestPasswordReset", "auth.linkStatus", "auth.resetPassword", "auth.activate", "signup.request", "signup.confirm", "dev.mailbox", "dev.mail"];
const authedPaths = Object.keys(procedures).filter((p) => !publicPaths.includes(p));
const tenantPaths = authedPaths.filter(
  (p) =>
    /^(commune|admin|team|familyCreation|familyFile|familyFiles|reservations|calendar|attendance|calendarFeed|absences|activities|tariffs|basket|payments|invoices|requests|publications|collection|home|rgpd|allocation)\.|^messages\.(?!unreadEverywhere)|^family\.(myFamily|setChildPhoto)$/.test(p) ||
    preregistrationStaff.includes(p),
);
const platformPaths = authedPaths.filter((p) => p.startsWith("platform."));
/** The staff-only areas (families' files, the team, enrolment decisions, bookings on behalf, the dashboard). */
const staffArea = (p: string) => ["households.", "staff.", "enrolments.", "bookingsOnBehalf.", "dashboard.", "familyFiles."].some((prefix) => p.startsWith(prefix)) || preregistrationStaff.includes(p);

const notFound = { code: "NOT_FOUND", message: messages.errors.NOT_FOUND };

/** Runs each call and returns the codes it failed with ("ok" when it succeeded). */
async function outcomes(caller: Caller, paths: string[]) {
  const entries = await Promise.all(
    paths.map(async (p) => [p, await procedures[p]!(caller).then(() => "ok", (e: { code?: string }) => e.code ?? "?")] as const),
  );
  return Object.fromEntries(entries);
}
const every = (paths: string[], code: string) => Object.fromEntries(paths.map((p) => [p, code]));

async function tenantStatuses() {
  return withPlatform((tx) => tx.select({ slug: tenants.slug, status: tenants.status }).from(tenants).orderBy(tenants.slug));
}

it("covers every procedure of the app router", () => {
  expect(Object.keys(procedures).sort(), "a new procedure needs its line in `procedures` and its access checks").toEqual(
    Object.keys(appRouter._def.procedures).sort(),
  );
});

describe("anonymous caller", () => {
  it("gets UNAUTHORIZED on every signed-in procedure, with or without a commune", async () => {
    expect(await outcomes(await callerAs(null), authedPaths)).toEqual(every(authedPaths, "UNAUTHORIZED"));
    expect(await outcomes(await callerAs(null, "jolieville"), authedPaths)).toEqual(every(authedPaths, "UNAUTHORIZED"));
    await expect((await callerAs(null)).family.myCommunes()).rejects.toMatchObject({ message: messages.errors.UNAUTHORIZED });
  });

  it("may ask for a reset link without learning whether the address exists", async () => {
    const anonymous = await callerAs(null);
    const answer = { message: messages.auth.resetRequested };
    await expect(anonymous.auth.requestPasswordReset({ email: "personne@exemple.test" })).resolves.toEqual(answer);
    await expect(anonymous.auth.requestPasswordReset({ email: "parent@recre.test" })).resolves.toEqual(answer);
  });

  it("cannot use a made-up reset or activation link", async () => {
    const anonymous = await callerAs(null);
    for (const path of ["auth.resetPassword", "auth.activate"]) {
      await expect(procedures[path]!(anonymous)).rejects.toMatchObject({ code: "BAD_REQUEST", message: messages.auth.invalidToken });
    }
    await expect(procedures["auth.linkStatus"]!(anonymous)).resolves.toEqual({ usable: false });
  });
});

describe("the local mailbox", () => {
  const patch = (values: { APP_ENV?: "production" | "development"; mailTransport?: "resend" }) => {
    const saved = { APP_ENV: env().APP_ENV, mailTransport: env().mailTransport };
    Object.assign(env(), values);
    return () => Object.assign(env(), saved);
  };
  let restore: (() => void) | undefined;
  afterEach(() => restore?.());

  it("is open in test and development when no mail leaves the machine", async () => {
    expect(env().APP_ENV).toBe("test");
    await expect((await callerAs(null)).dev.mailbox()).resolves.toBeInstanceOf(Array);
    await expect(procedures["dev.mail"]!(await callerAs(null))).rejects.toMatchObject(notFound);
    restore = patch({ APP_ENV: "development" });
    await expect((await callerAs(null)).dev.mailbox()).resolves.toBeInstanceOf(Array);
  });

  it("does not exist in production nor once real e-mail is configured", async () => {
    for (const values of [{ APP_ENV: "production" as const }, { mailTransport: "resend" as const }]) {
      restore = patch(values);
      const operator = await callerAs("operateur@recre.test");
      expect(await outcomes(operator, ["dev.mailbox", "dev.mail"])).toEqual(every(["dev.mailbox", "dev.mail"], "NOT_FOUND"));
      restore();
      restore = undefined;
    }
  });
});

describe("platform procedures", () => {
  it("are NOT_FOUND for every account that is not an operator, and change nothing", async () => {
    for (const email of ["admin@jolieville.test", "agent@jolieville.test", "animateur@jolieville.test", "parent@recre.test"]) {
      expect(await outcomes(await callerAs(email, "jolieville"), platformPaths)).toEqual(every(platformPaths, "NOT_FOUND"));
    }
    const [row] = await (await getDb()).select({ n: count() }).from(tenants);
    expect(row?.n).toBe(2);
    expect(await tenantStatuses()).toEqual([
      { slug: "jolieville", status: "active" },
      { slug: "val-fleuri", status: "active" },
    ]);
  });

  it("are open to the operator, who sees every commune", async () => {
    const list = await (await callerAs("operateur@recre.test")).platform.tenants();
    expect(list.map((t) => [t.slug, t.households, t.admins])).toEqual([
      ["jolieville", 2, ["admin@jolieville.test"]],
      ["val-fleuri", 1, ["admin@val-fleuri.test"]],
    ]);
    await expect(
      (await callerAs("operateur@recre.test")).platform.setStatus({ tenantId: randomUUID(), status: "suspended" }),
    ).rejects.toMatchObject(notFound);
  });

  it("do not make the operator a member of any commune", async () => {
    const operator = await callerAs("operateur@recre.test", "jolieville");
    expect(await outcomes(operator, tenantPaths)).toEqual(every(tenantPaths, "NOT_FOUND"));
  });
});

describe("commune procedures", () => {
  it("are NOT_FOUND on an unknown commune or without one", async () => {
    for (const slug of ["atlantis", null]) {
      expect(await outcomes(await callerAs("admin@jolieville.test", slug), tenantPaths)).toEqual(every(tenantPaths, "NOT_FOUND"));
    }
  });

  it("are NOT_FOUND in a commune where the caller has neither a role nor a family", async () => {
    const admin = await callerAs("admin@jolieville.test", "val-fleuri");
    expect(await outcomes(admin, tenantPaths)).toEqual(every(tenantPaths, "NOT_FOUND"));
    await expect(admin.households.list()).rejects.toMatchObject(notFound);
    const voisin = await callerAs("voisin@recre.test", "val-fleuri");
    await expect(voisin.commune.access()).rejects.toMatchObject(notFound);
    await expect(voisin.family.myFamily()).rejects.toMatchObject(notFound);
  });

  it("never open another commune's household, even to that household's staff elsewhere", async () => {
    const jolievilleAdmin = await callerAs("admin@jolieville.test", "jolieville");
    await expect(jolievilleAdmin.households.get({ householdId: ids.martinValFleuri })).rejects.toMatchObject(notFound);
    const valFleuriAdmin = await callerAs("admin@val-fleuri.test", "val-fleuri");
    await expect(valFleuriAdmin.households.get({ householdId: ids.durand })).rejects.toMatchObject(notFound);
    await expect(valFleuriAdmin.households.get({ householdId: randomUUID() })).rejects.toMatchObject(notFound);
  });
});

describe("staff roles", () => {
  it("let an admin see the households and the staff of their own commune only", async () => {
    const admin = await callerAs("admin@jolieville.test", "jolieville");
    expect((await admin.households.list()).map((h) => [h.reference, h.childCount, h.guardianNames])).toEqual([
      ["JOL-00057", 1, ["Marc Durand"]],
      ["JOL-00042", 2, ["Julie Martin", "Thomas Martin"]],
    ]);
    expect((await admin.team.list()).members.map((s) => [s.email, s.role]).sort()).toEqual([
      ["admin@jolieville.test", "admin"],
      ["agent@jolieville.test", "agent"],
      ["animateur@jolieville.test", "site_agent"],
    ]);
    expect(await admin.commune.access()).toMatchObject({ tenant: { slug: "jolieville" }, staffRoles: ["admin"], isParent: false });
  });

  it("let a front-desk agent open families but not the staff list", async () => {
    const agent = await callerAs("agent@jolieville.test", "jolieville");
    expect(await agent.households.list()).toHaveLength(2);
    expect((await agent.households.get({ householdId: ids.durand })).name).toBe("Famille Durand");
    await expect(agent.team.list()).rejects.toMatchObject(notFound);
  });

  it("keep the team to admins: the front desk, site agents and parents get NOT_FOUND", async () => {
    const teamPaths = tenantPaths.filter((p) => p.startsWith("team."));
    for (const email of ["agent@jolieville.test", "animateur@jolieville.test", "parent@recre.test"]) {
      expect(await outcomes(await callerAs(email, "jolieville"), teamPaths)).toEqual(every(teamPaths, "NOT_FOUND"));
    }
  });

  it("keep a site agent out of family files", async () => {
    const animateur = await callerAs("animateur@jolieville.test", "jolieville");
    const adminPaths = tenantPaths.filter((p) => staffArea(p) && p !== "dashboard.get");
    const familyPaths = ["family.myFamily", "family.setChildPhoto", ...tenantPaths.filter((p) => p.startsWith("familyFile."))];
    expect(await outcomes(animateur, [...adminPaths, ...familyPaths])).toEqual(every([...adminPaths, ...familyPaths], "NOT_FOUND"));
    expect(await animateur.commune.access()).toMatchObject({ staffRoles: ["site_agent"], isParent: false });
  });
});

describe("the staff dashboard", () => {
  it("gives the front desk requests and billing, a site agent today only, nobody else anything", async () => {
    for (const email of ["admin@jolieville.test", "agent@jolieville.test"]) {
      const board = await (await callerAs(email, "jolieville")).dashboard.get();
      expect(board.toDo).not.toBeNull();
      expect(board.billing?.unpaid.count).toBeGreaterThan(0);
    }
    const animateur = await (await callerAs("animateur@jolieville.test", "jolieville")).dashboard.get();
    expect(animateur).toMatchObject({ toDo: null, billing: null });
    expect(animateur.activities.length).toBeGreaterThan(0);
    // The site lists' part alone, even for an admin.
    expect(await (await callerAs("admin@jolieville.test", "jolieville")).dashboard.get({ todayOnly: true })).toMatchObject({ toDo: null, billing: null });
    for (const [email, commune] of [
      ["admin@val-fleuri.test", "jolieville"],
      ["admin@jolieville.test", "val-fleuri"],
      ["animateur@jolieville.test", "val-fleuri"],
      ["parent@recre.test", "jolieville"],
      ["voisin@recre.test", "jolieville"],
    ] as const) {
      await expect((await callerAs(email, commune)).dashboard.get()).rejects.toMatchObject(notFound);
    }
  });
});

describe("parents", () => {
  it("get NOT_FOUND on every admin procedure, even for their own household", async () => {
    const parent = await callerAs("parent@recre.test", "jolieville");
    const adminPaths = tenantPaths.filter(staffArea);
    expect(await outcomes(parent, adminPaths)).toEqual(every(adminPaths, "NOT_FOUND"));
    await expect(parent.households.get({ householdId: ids.martinJolieville })).rejects.toMatchObject(notFound);
  });

  it("see only their own family file in a commune", async () => {
    const voisin = await (await callerAs("voisin@recre.test", "jolieville")).family.myFamily();
    expect(voisin.map((h) => h.reference)).toEqual(["JOL-00057"]);
    expect(voisin.flatMap((h) => h.children.map((c) => c.firstName))).toEqual(["Tom"]);
    expect(JSON.stringify(voisin)).not.toMatch(/Martin|Sarah|Chloé/);

    const parent = await (await callerAs("parent@recre.test", "jolieville")).family.myFamily();
    expect(parent.map((h) => h.reference)).toEqual(["JOL-00042"]);
    expect(parent[0]!.children.map((c) => c.firstName)).toEqual(["Sarah", "Chloé"]);
  });

  it("find all their communes on their home page, and no one else's", async () => {
    const parent = await (await callerAs("parent@recre.test")).family.myCommunes();
    expect(parent.families.map((f) => [f.tenantSlug, f.reference, f.children])).toEqual([
      ["jolieville", "JOL-00042", ["Sarah", "Chloé"]],
      ["val-fleuri", "VF-0815", ["Louise"]],
    ]);
    expect(parent.staff).toEqual([]);
    const voisin = await (await callerAs("voisin@recre.test")).family.myCommunes();
    expect(voisin.families.map((f) => f.reference)).toEqual(["JOL-00057"]);
    const admin = await (await callerAs("admin@jolieville.test")).family.myCommunes();
    expect(admin).toEqual({ families: [], staff: [{ tenantSlug: "jolieville", tenantName: "Jolieville", role: "admin" }] });
  });
});

describe("a family's home summaries", () => {
  it("are parents' own: staff get NOT_FOUND, and a family sees none of another's children", async () => {
    const homePaths = tenantPaths.filter((p) => p.startsWith("home."));
    for (const email of ["admin@jolieville.test", "agent@jolieville.test", "animateur@jolieville.test"]) {
      expect(await outcomes(await callerAs(email, "jolieville"), homePaths)).toEqual(every(homePaths, "NOT_FOUND"));
    }
    const voisin = await callerAs("voisin@recre.test", "jolieville");
    expect(JSON.stringify([await voisin.home.overview(), await voisin.home.monthsInProgress()])).not.toMatch(/Sarah|Chloé/);
  });
});

describe("a suspended commune", () => {
  const setStatus = async (status: "active" | "suspended") =>
    (await callerAs("operateur@recre.test")).platform.setStatus({ tenantId: valFleuri, status });
  afterEach(() => setStatus("active"));

  it("is FORBIDDEN, with a French explanation, to its own staff and families; other communes are untouched", async () => {
    await setStatus("suspended");
    const suspended = { code: "FORBIDDEN", message: messages.tenant.suspended };
    await expect((await callerAs("parent@recre.test", "val-fleuri")).family.myFamily()).rejects.toMatchObject(suspended);
    await expect((await callerAs("admin@val-fleuri.test", "val-fleuri")).households.list()).rejects.toMatchObject(suspended);
    await expect((await callerAs("parent@recre.test", "jolieville")).family.myFamily()).resolves.toHaveLength(1);
    // Strangers still cannot tell it exists.
    await expect((await callerAs("voisin@recre.test", "val-fleuri")).commune.access()).rejects.toMatchObject(notFound);
    const home = await (await callerAs("parent@recre.test")).family.myCommunes();
    expect(home.families.find((f) => f.tenantSlug === "val-fleuri")?.tenantStatus).toBe("suspended");
  });

  it("opens again once reactivated", async () => {
    await setStatus("suspended");
    await setStatus("active");
    await expect((await callerAs("admin@val-fleuri.test", "val-fleuri")).households.list()).resolves.toHaveLength(1);
    const [row] = await withPlatform((tx) => tx.select({ status: tenants.status }).from(tenants).where(eq(tenants.id, valFleuri)));
    expect(row?.status).toBe("active");
  });
});

describe("reservations and the calendar", () => {
  const reservationPaths = () => tenantPaths.filter((p) => p.startsWith("reservations."));
  const calendarWrites = [
    "calendar.createSchoolYear",
    "calendar.updateSchoolYear",
    "calendar.periodImpact",
    "calendar.addPeriod",
    "calendar.updatePeriod",
    "calendar.deletePeriod",
    "calendar.previewImport",
    "calendar.importPeriods",
    "calendar.regionImpact",
    "calendar.setPublicHolidayRegion",
  ];

  it("are parents' own: staff without a family there, site agents and operators get NOT_FOUND", async () => {
    for (const email of ["admin@jolieville.test", "agent@jolieville.test", "animateur@jolieville.test", "operateur@recre.test"]) {
      expect(await outcomes(await callerAs(email, "jolieville"), reservationPaths())).toEqual(every(reservationPaths(), "NOT_FOUND"));
    }
  });

  it("never let a parent see or book another family's child, and write nothing when they try", async () => {
    const voisin = await callerAs("voisin@recre.test", "jolieville");
    const onSarah = ["reservations.planning", "reservations.applyChanges", "reservations.previewTypicalWeek", "reservations.requestEnrolment"];
    expect(await outcomes(voisin, onSarah)).toEqual(every(onSarah, "NOT_FOUND"));
    expect(JSON.stringify(await voisin.reservations.enrolments())).not.toMatch(/Sarah|Chloé/);
    expect((await voisin.reservations.children()).map((c) => c.firstName)).toEqual(["Tom"]);
    const sarahs = await withPlatform((tx) => tx.select().from(bookings).where(eq(bookings.childId, ids.sarah)));
    expect(sarahs).toEqual([]);
  });

  it("keep the front desk inside its commune", async () => {
    const agent = await callerAs("agent@jolieville.test", "jolieville");
    await expect(agent.bookingsOnBehalf.planning({ childId: ids.louise, from: "2026-12-01", to: "2026-12-31" })).rejects.toMatchObject(notFound);
    await expect(
      agent.bookingsOnBehalf.applyChanges({ changes: [{ childId: ids.louise, activityId: ids.cantine, date: "2026-12-07", action: "book" }] }),
    ).rejects.toMatchObject(notFound);
    await expect(agent.bookingsOnBehalf.planning({ childId: ids.tom, from: "2026-12-01", to: "2026-12-31" })).resolves.toMatchObject({
      child: { firstName: "Tom" },
    });
  });

  it("let the front desk read the calendar but only admins change it; parents and site agents see none of it", async () => {
    const calendarPaths = tenantPaths.filter((p) => p.startsWith("calendar."));
    expect(await outcomes(await callerAs("agent@jolieville.test", "jolieville"), calendarWrites)).toEqual(every(calendarWrites, "NOT_FOUND"));
    for (const email of ["parent@recre.test", "animateur@jolieville.test"]) {
      expect(await outcomes(await callerAs(email, "jolieville"), calendarPaths)).toEqual(every(calendarPaths, "NOT_FOUND"));
    }
  });
});

describe("site agents, feeds and absences", () => {
  const paths = (prefix: string) => tenantPaths.filter((p) => p.startsWith(prefix));

  it("let site agents and staff use the daily lists, never parents", async () => {
    expect(await outcomes(await callerAs("parent@recre.test", "jolieville"), paths("attendance."))).toEqual(every(paths("attendance."), "NOT_FOUND"));
    const { sites } = await (await callerAs("animateur@jolieville.test", "jolieville")).attendance.sites();
    expect(sites.length).toBeGreaterThan(0);
    await expect((await callerAs("animateur@jolieville.test", "val-fleuri")).attendance.sites()).rejects.toMatchObject(notFound);
  });

  it("keep the calendar feed and absence reports to the family; reviews to the front desk", async () => {
    const parentOnly = [...paths("calendarFeed."), "absences.mine", "absences.report"];
    for (const email of ["admin@jolieville.test", "animateur@jolieville.test"]) {
      expect(await outcomes(await callerAs(email, "jolieville"), parentOnly)).toEqual(every(parentOnly, "NOT_FOUND"));
    }
    const review = ["absences.list", "absences.review"];
    for (const email of ["parent@recre.test", "animateur@jolieville.test"]) {
      expect(await outcomes(await callerAs(email, "jolieville"), review)).toEqual(every(review, "NOT_FOUND"));
    }
    // The Martins' household id, asked for by their neighbour.
    await expect((await callerAs("voisin@recre.test", "jolieville")).calendarFeed.create({ householdId: ids.martinJolieville })).rejects.toMatchObject(notFound);
  });
});

describe("activities and sites", () => {
  it("are read by the front desk, written by admins only, and hidden from parents and site agents", async () => {
    const paths = tenantPaths.filter((p) => p.startsWith("activities."));
    const writes = paths.filter((p) => !["activities.sites", "activities.list", "activities.get", "activities.capacityByDay", "activities.dayOverrides", "activities.openings"].includes(p));
    expect(await outcomes(await callerAs("agent@jolieville.test", "jolieville"), writes)).toEqual(every(writes, "NOT_FOUND"));
    for (const email of ["parent@recre.test", "animateur@jolieville.test"]) {
      expect(await outcomes(await callerAs(email, "jolieville"), paths)).toEqual(every(paths, "NOT_FOUND"));
    }
    await expect((await callerAs("admin@val-fleuri.test", "val-fleuri")).activities.get({ activityId: ids.cantine })).rejects.toMatchObject(notFound);
  });
});

describe("demandes, messages and publications", () => {
  const paths = (prefix: string) => tenantPaths.filter((p) => p.startsWith(prefix));
  const familyOwn = ["requests.detail", "requests.reply", "messages.markRead", "messages.write"];
  const staffOnly = () => [...paths("requests.").filter((p) => !["requests.categories", "requests.submit", "requests.mine", ...familyOwn].includes(p)), "messages.send", "messages.staffList", "messages.staffMarkRead"];

  it("keep a family's requests and messages from another family, another commune's staff and site agents", async () => {
    for (const [email, commune] of [
      ["voisin@recre.test", "jolieville"],
      ["parent@recre.test", "val-fleuri"],
      ["admin@val-fleuri.test", "val-fleuri"],
      ["animateur@jolieville.test", "jolieville"],
    ] as const) {
      expect(await outcomes(await callerAs(email, commune), familyOwn), `${email} in ${commune}`).toEqual(every(familyOwn, "NOT_FOUND"));
    }
    for (const email of ["voisin@recre.test", "animateur@jolieville.test", "admin@val-fleuri.test"]) {
      const caller = await callerAs(email, email.includes("val-fleuri") ? "val-fleuri" : "jolieville");
      await expect(caller.requests.staffDetail({ requestId: ids.martinRequest })).rejects.toMatchObject(notFound);
      await expect(caller.messages.staffList({ householdId: ids.martinJolieville })).rejects.toMatchObject(notFound);
    }
    expect(JSON.stringify(await (await callerAs("voisin@recre.test", "jolieville")).messages.mine())).not.toContain(ids.martinMessage);
  });

  it("give the inbox to the front desk only; publishing to admins only; the public page to anyone", async () => {
    for (const email of ["parent@recre.test", "animateur@jolieville.test"]) {
      expect(await outcomes(await callerAs(email, "jolieville"), staffOnly())).toEqual(every(staffOnly(), "NOT_FOUND"));
    }
    const adminOnly = ["requests.saveCategory", ...paths("publications.").filter((p) => p !== "publications.forFamily")];
    expect(await outcomes(await callerAs("agent@jolieville.test", "jolieville"), adminOnly)).toEqual(every(adminOnly, "NOT_FOUND"));
    const page = await (await callerAs(null)).publications.publicPage({ slug: "jolieville" });
    expect(page.commune.name).toBe("Jolieville");
    await expect((await callerAs(null)).publications.publicPage({ slug: "atlantis" })).rejects.toMatchObject(notFound);
  });
});

describe("billing", () => {
  const paths = (prefix: string) => tenantPaths.filter((p) => p.startsWith(prefix));

  it("keeps baskets and statements to the family, counter payments to the front desk, settings to admins", async () => {
    const parentOnly = [...paths("basket."), "payments.myStatement", "quotients.mine"];
    for (const email of ["admin@jolieville.test", "agent@jolieville.test", "animateur@jolieville.test"]) {
      expect(await outcomes(await callerAs(email, "jolieville"), parentOnly)).toEqual(every(parentOnly, "NOT_FOUND"));
    }
    const frontDesk = [
      "payments.statement",
      "payments.unpaidInvoices",
      "payments.recordCounterPayment",
      "payments.refundable",
      "payments.refundThroughProvider",
      "payments.recordTreasuryRefund",
      "quotients.ofHousehold",
      "quotients.recordCaf",
      "quotients.recordFiscal",
    ];
    for (const email of ["parent@recre.test", "animateur@jolieville.test"]) {
      expect(await outcomes(await callerAs(email, "jolieville"), frontDesk)).toEqual(every(frontDesk, "NOT_FOUND"));
    }
    const adminOnly = ["payments.debtBlock", "payments.setDebtBlock", "tariffs.add", "tariffs.delete", "commune.paymentSettings", "commune.setPaymentSettings", "commune.startPaymentOnboarding"];
    expect(await outcomes(await callerAs("agent@jolieville.test", "jolieville"), adminOnly)).toEqual(every(adminOnly, "NOT_FOUND"));
    await expect((await callerAs("agent@jolieville.test", "jolieville")).payments.statement({ householdId: ids.martinValFleuri })).rejects.toMatchObject(notFound);
  });

  it("lets only admins run invoicing, and never shows a family another family's invoices", async () => {
    const runs = ["invoices.previewRun", "invoices.issueBatch", "invoices.runs", "invoices.suggestedRun", "invoices.schedule", "invoices.setSchedule"];
    expect(await outcomes(await callerAs("agent@jolieville.test", "jolieville"), runs)).toEqual(every(runs, "NOT_FOUND"));
    const voisin = await callerAs("voisin@recre.test", "jolieville");
    const martins = await (await callerAs("parent@recre.test", "jolieville")).invoices.mine();
    const martinInvoice = [...martins.toPay, ...martins.paid][0];
    expect(martinInvoice).toBeTruthy();
    await expect(voisin.invoices.detail({ invoiceId: martinInvoice!.id })).rejects.toMatchObject(notFound);
    await expect(voisin.invoices.setDelivery({ householdId: ids.martinJolieville, delivery: "email" })).rejects.toMatchObject(notFound);
    expect(JSON.stringify(await voisin.invoices.mine())).not.toContain(martinInvoice!.number);
  });
});

describe("family files", () => {
  it("are NOT_FOUND to another family, to another commune's staff and to site agents, and change nothing", async () => {
    const parentPaths = tenantPaths.filter((p) => p.startsWith("familyFile."));
    const staffPaths = tenantPaths.filter((p) => p.startsWith("familyFiles."));
    const before = await withPlatform((tx) => tx.select({ health: children.health, diet: children.diet }).from(children).where(eq(children.id, ids.sarah)));
    expect(await outcomes(await callerAs("voisin@recre.test", "jolieville"), parentPaths)).toEqual(every(parentPaths, "NOT_FOUND"));
    for (const [email, commune] of [
      ["admin@val-fleuri.test", "jolieville"],
      ["animateur@jolieville.test", "jolieville"],
      ["parent@recre.test", "jolieville"],
    ] as const) {
      expect(await outcomes(await callerAs(email, commune), staffPaths)).toEqual(every(staffPaths, "NOT_FOUND"));
    }
    // A Jolieville household through Val-Fleuri's front desk.
    await expect((await callerAs("admin@val-fleuri.test", "val-fleuri")).familyFiles.get({ householdId: ids.durand })).rejects.toMatchObject(notFound);
    expect(await withPlatform((tx) => tx.select({ health: children.health, diet: children.diet }).from(children).where(eq(children.id, ids.sarah)))).toEqual(before);
  });
});

describe("direct debit, reminders and tax certificates", () => {
  const staffOnly = [
    "collection.settings",
    "collection.setSettings",
    "collection.householdMandate",
    "collection.revokeHouseholdMandate",
    "collection.debitRuns",
    "collection.debitRun",
    "collection.createDebitRun",
    "collection.exportDebitRun",
    "collection.recordRejection",
    "collection.reminders",
    "collection.treasury",
    "collection.runReminders",
    "collection.householdCertificates",
    "collection.reissueCertificate",
  ];
  const familyOnly = ["collection.mandate", "collection.signMandate", "collection.revokeMandate", "collection.certificates"];

  it("keep the staff side to the commune's front desk: parents, site agents and another commune's admin get NOT_FOUND", async () => {
    for (const [email, commune] of [
      ["parent@recre.test", "jolieville"],
      ["animateur@jolieville.test", "jolieville"],
      ["admin@val-fleuri.test", "jolieville"],
    ] as const) {
      expect(await outcomes(await callerAs(email, commune), staffOnly)).toEqual(every(staffOnly, "NOT_FOUND"));
    }
    // Val-Fleuri's own admin does not reach a Jolieville household through its commune either.
    const valFleuriAdmin = await callerAs("admin@val-fleuri.test", "val-fleuri");
    await expect(valFleuriAdmin.collection.householdMandate({ householdId: ids.durand })).rejects.toMatchObject(notFound);
    await expect(valFleuriAdmin.collection.householdCertificates({ householdId: ids.durand })).rejects.toMatchObject(notFound);
  });

  it("keep the family side to families: staff without a family there get NOT_FOUND", async () => {
    for (const email of ["admin@jolieville.test", "agent@jolieville.test", "animateur@jolieville.test"]) {
      expect(await outcomes(await callerAs(email, "jolieville"), familyOnly)).toEqual(every(familyOnly, "NOT_FOUND"));
    }
  });
});

describe("pre-registration", () => {
  it("is open to any account in an active commune, for its own application only; unknown or suspended communes are NOT_FOUND", async () => {
    const voisin = await callerAs("voisin@recre.test", "val-fleuri");
    expect((await voisin.preregistration.mine()).commune.slug).toBe("val-fleuri");
    for (const slug of ["atlantis", null]) {
      expect(await outcomes(await callerAs("voisin@recre.test", slug), applicantPaths)).toEqual(every(applicantPaths, "NOT_FOUND"));
    }
    await (await callerAs("operateur@recre.test")).platform.setStatus({ tenantId: valFleuri, status: "suspended" });
    try {
      expect(await outcomes(voisin, applicantPaths)).toEqual(every(applicantPaths, "NOT_FOUND"));
    } finally {
      await (await callerAs("operateur@recre.test")).platform.setStatus({ tenantId: valFleuri, status: "active" });
    }
  });

  it("keeps the queue and the document list to the front desk (the list to admins); parents and site agents get NOT_FOUND", async () => {
    for (const email of ["parent@recre.test", "voisin@recre.test", "animateur@jolieville.test"]) {
      expect(await outcomes(await callerAs(email, "jolieville"), preregistrationStaff)).toEqual(every(preregistrationStaff, "NOT_FOUND"));
    }
    const settings = ["preregistration.documentTypes", "preregistration.addDocumentType", "preregistration.updateDocumentType"];
    expect(await outcomes(await callerAs("agent@jolieville.test", "jolieville"), settings)).toEqual(every(settings, "NOT_FOUND"));
    expect(await outcomes(await callerAs("admin@val-fleuri.test", "jolieville"), preregistrationStaff)).toEqual(every(preregistrationStaff, "NOT_FOUND"));
  });

  it("never shows another account's application to a family", async () => {
    await (await callerAs("conjoint@recre.test", "val-fleuri")).preregistration.saveDraft({ household: { name: "Famille Secrète", addressLine: "", postalCode: "", city: "", isResident: null } });
    const other = await (await callerAs("voisin@recre.test", "val-fleuri")).preregistration.mine();
    expect(JSON.stringify(other)).not.toContain("Secrète");
    expect(await (await callerAs("voisin@recre.test")).preregistration.myApplications()).toEqual([]);
    expect((await (await callerAs("conjoint@recre.test")).preregistration.myApplications()).map((a) => [a.tenantSlug, a.status])).toEqual([["val-fleuri", "draft"]]);
  });
});

describe("the operator's commune page", () => {
  it("shows and edits a commune's settings and usage to the operator only", async () => {
    const operator = await callerAs("operateur@recre.test");
    const page = await operator.platform.tenant({ tenantId: jolieville });
    expect(page.usage.households).toBe(2);
    expect(page.admins.map((a) => a.email)).toEqual(["admin@jolieville.test"]);
    for (const email of ["admin@jolieville.test", "parent@recre.test"]) {
      await expect((await callerAs(email)).platform.tenant({ tenantId: jolieville })).rejects.toMatchObject(notFound);
    }
  });
});
