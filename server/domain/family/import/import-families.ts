import { emptyHealth, type HealthRecord } from "@/common/family-file";
import { allergiesFromText, healthColumns, readHealth } from "@/server/domain/family-file/health";
import { randomUUID } from "node:crypto";
import { and, desc, eq, inArray } from "drizzle-orm";
import { children, guardians, householdActivationCodes, households, quotients } from "@/db/schema";
import type { Scope } from "@/server/domain/scope";
import { todayIn } from "@/common/dates";
import { messages } from "@/common/messages";
import { newActivationCode } from "../activation";
import { readCsv, type FileSource } from "./read-csv";
import { familyColumns, readHeader, readRow, type ChildRow, type GuardianRow, type ImportIssue, type ImportRow } from "./rows";

const text = messages.familyImport;
const BATCH = 500;
/** The preview lists this many problems at most (the counts cover them all). */
const MAX_LISTED_ISSUES = 500;

export type ImportMode = "all" | "validOnly";

export interface ImportReport {
  rows: { total: number; rejected: number };
  families: { created: number; updated: number; unchanged: number };
  children: { created: number; updated: number; unchanged: number };
  issues: ImportIssue[];
  issueCount: number;
  /** Whether anything was written (false for a preview, or while errors remain in "all" mode). */
  written: boolean;
}

interface FamilyInFile {
  firstLine: number;
  head: ImportRow;
  children: (ChildRow & { line: number })[];
  badLine: number | null;
}

const childKey = (c: { firstName: string; lastName: string; birthDate: string }) => `${c.firstName.toLowerCase()}|${c.lastName.toLowerCase()}|${c.birthDate}`;
const personKey = (g: { firstName: string; lastName: string }) => `${g.firstName.toLowerCase()}|${g.lastName.toLowerCase()}`;

/** Reads the whole file, row by row, into families (rows of one family share `reference_famille`). */
async function readFamilies(source: FileSource, today: string) {
  const families = new Map<string, FamilyInFile>();
  const issues: ImportIssue[] = [];
  let issueCount = 0;
  const badLines = new Set<number>();
  const report = (issue: ImportIssue) => {
    issueCount++;
    badLines.add(issue.line);
    if (issues.length < MAX_LISTED_ISSUES) issues.push(issue);
  };
  let positions: ReturnType<typeof readHeader>["positions"] | null = null;
  let total = 0;
  for await (const { line, values } of readCsv(source)) {
    if (!positions) {
      const header = readHeader(values);
      if (header.issues.length) return { families, issues: header.issues, issueCount: header.issues.length, total: 0, badLines, headerBroken: true };
      positions = header.positions;
      continue;
    }
    total++;
    const { row, issues: rowIssues } = readRow(line, values, positions, today);
    rowIssues.forEach(report);
    const reference = row?.reference ?? (values[positions.get("reference_famille")!] ?? "").trim();
    if (!reference) continue;
    let family = families.get(reference);
    if (!row) {
      if (family) family.badLine ??= line;
      else if (reference) families.set(reference, { firstLine: line, head: null as unknown as ImportRow, children: [], badLine: line });
      continue;
    }
    if (!family) {
      family = { firstLine: line, head: row, children: [], badLine: null };
      families.set(reference, family);
    } else if (!family.head) {
      family.head = row;
    } else {
      const differs = row.familyKey.findIndex((v, i) => v !== family!.head.familyKey[i]);
      if (differs >= 0) {
        report({ line, column: familyColumns[differs]!, message: text.inconsistent(family.head.line) });
        family.badLine ??= line;
        continue;
      }
    }
    if (row.child) {
      const twin = family.children.find((c) => childKey(c) === childKey(row.child!));
      if (twin) {
        report({ line, column: "enfant_prenom", message: text.duplicateChild(twin.line) });
        family.badLine ??= line;
        continue;
      }
      family.children.push({ ...row.child, line });
    }
  }
  if (!positions) throw Object.assign(new Error("empty"), { empty: true });
  return { families, issues, issueCount, total, badLines, headerBroken: false };
}

/**
 * Imports families from the previous software's CSV export (docs/import.md): the same code for the
 * admin's page and the operators' CLI. Families are matched by `reference_famille`, children by first
 * name, last name and date of birth, so importing a file again creates nothing; a changed row updates.
 * Nothing is written for a preview (`dryRun`), nor while errors remain unless `mode` is "validOnly"
 * (then the families with a bad row are left out whole). Runs in the caller's transaction: a failure
 * leaves nothing half-written.
 */
export async function importFamilies(
  scope: Scope,
  input: { source: FileSource; dryRun: boolean; mode: ImportMode },
): Promise<ImportReport> {
  const today = todayIn(scope.tenant.timeZone, scope.now);
  let read;
  try {
    read = await readFamilies(input.source, today);
  } catch (error) {
    if ((error as { empty?: boolean }).empty) return emptyReport([{ line: 1, column: null, message: `${messages.fields.file} : ${text.empty}` }]);
    throw error;
  }
  const report = emptyReport(read.issues);
  report.issueCount = read.issueCount;
  report.rows.total = read.total;
  if (read.headerBroken) return report;
  // A family with a bad row is left out whole; its good rows count as rejected too, with the reason.
  const skipped = [...read.families.values()].filter((f) => f.badLine !== null);
  for (const family of skipped) {
    for (const line of [family.head?.line, ...family.children.map((c) => c.line)]) {
      if (line === undefined || read.badLines.has(line)) continue;
      read.badLines.add(line);
      report.issueCount++;
      if (report.issues.length < MAX_LISTED_ISSUES) report.issues.push({ line, column: null, message: text.familySkipped(family.badLine!) });
    }
  }
  report.issues.sort((a, b) => a.line - b.line);
  report.rows.rejected = read.badLines.size;
  const write = !input.dryRun && (report.issueCount === 0 || input.mode === "validOnly");
  const good = [...read.families.values()].filter((f) => f.badLine === null);
  for (let start = 0; start < good.length; start += BATCH) {
    await applyBatch(scope, good.slice(start, start + BATCH), { write, today, report });
  }
  report.written = write;
  return report;
}

function emptyReport(issues: ImportIssue[]): ImportReport {
  return {
    rows: { total: 0, rejected: 0 },
    families: { created: 0, updated: 0, unchanged: 0 },
    children: { created: 0, updated: 0, unchanged: 0 },
    issues,
    issueCount: issues.length,
    written: false,
  };
}

type HouseholdRow = typeof households.$inferSelect;
type GuardianDb = typeof guardians.$inferSelect;
type ChildDb = typeof children.$inferSelect;

/** One batch of families: read what exists in four queries, then write the differences in a few statements. */
async function applyBatch(scope: Scope, batch: FamilyInFile[], ctx: { write: boolean; today: string; report: ImportReport }) {
  const { tx, tenant } = scope;
  const tenantId = tenant.id;
  const existing = await tx
    .select()
    .from(households)
    .where(and(eq(households.tenantId, tenantId), inArray(households.reference, batch.map((f) => f.head.reference))));
  const byReference = new Map(existing.map((h) => [h.reference, h]));
  const ids = existing.map((h) => h.id);
  const [guardianRows, childRows, quotientRows] = ids.length
    ? await Promise.all([
        tx.select().from(guardians).where(and(eq(guardians.tenantId, tenantId), inArray(guardians.householdId, ids))),
        tx.select().from(children).where(and(eq(children.tenantId, tenantId), inArray(children.householdId, ids))),
        tx
          .select({ householdId: quotients.householdId, value: quotients.value })
          .from(quotients)
          .where(and(eq(quotients.tenantId, tenantId), inArray(quotients.householdId, ids)))
          .orderBy(desc(quotients.validFrom), desc(quotients.createdAt)),
      ])
    : [[], [], []];
  const latestQuotient = new Map<string, number>();
  for (const q of quotientRows) if (!latestQuotient.has(q.householdId)) latestQuotient.set(q.householdId, q.value);

  const newHouseholds: (typeof households.$inferInsert)[] = [];
  const newGuardians: (typeof guardians.$inferInsert)[] = [];
  const newChildren: (typeof children.$inferInsert)[] = [];
  const newQuotients: (typeof quotients.$inferInsert)[] = [];
  const updates: (() => Promise<unknown>)[] = [];
  const { report } = ctx;

  for (const family of batch) {
    const head = family.head;
    const found = byReference.get(head.reference);
    const householdId = found?.id ?? randomUUID();
    let changed = false;
    const fields = { name: head.name, addressLine: head.addressLine, postalCode: head.postalCode, city: head.city, isResident: head.isResident };
    if (!found) {
      newHouseholds.push({ tenantId, id: householdId, reference: head.reference, ...fields });
    } else if (householdDiffers(found, fields)) {
      changed = true;
      updates.push(() => tx.update(households).set(fields).where(and(eq(households.tenantId, tenantId), eq(households.id, householdId))));
    }
    if (head.quotient !== null && latestQuotient.get(householdId) !== head.quotient) {
      changed ||= Boolean(found);
      newQuotients.push({ tenantId, householdId, value: head.quotient, source: "caf", validFrom: ctx.today, createdBy: scope.actor.userId });
    }
    const theirGuardians = guardianRows.filter((g) => g.householdId === householdId);
    for (const g of head.guardians) {
      const match = theirGuardians.find((e) => (g.email && e.email === g.email) || personKey(e) === personKey(g));
      if (!match) {
        changed ||= Boolean(found);
        newGuardians.push({ tenantId, householdId, firstName: g.firstName, lastName: g.lastName, email: g.email, phone: g.phone });
      } else if (guardianDiffers(match, g)) {
        changed = true;
        updates.push(() =>
          tx
            .update(guardians)
            .set({ firstName: g.firstName, lastName: g.lastName, email: g.email ?? match.email, phone: g.phone ?? match.phone })
            .where(and(eq(guardians.tenantId, tenantId), eq(guardians.id, match.id))),
        );
      }
    }
    const theirChildren = childRows.filter((c) => c.householdId === householdId);
    for (const c of family.children) {
      const match = theirChildren.find((e) => childKey(e) === childKey(c));
      const values = { school: c.school, classLevel: c.classLevel, diet: c.diet };
      // Allergies are health data: compared decrypted, written sealed (server/domain/family-file/health.ts).
      const sealed = (id: string, base: HealthRecord) => ({ ...values, ...healthColumns(tenantId, id, { ...base, allergies: allergiesFromText(c.allergies) }, match?.hasPai ?? false) });
      if (!match) {
        report.children.created++;
        changed ||= Boolean(found);
        const id = randomUUID();
        newChildren.push({ tenantId, id, householdId, firstName: c.firstName, lastName: c.lastName, birthDate: c.birthDate, ...sealed(id, emptyHealth) });
      } else if (childDiffers(tenantId, match, { ...values, allergies: c.allergies })) {
        report.children.updated++;
        changed = true;
        const update = sealed(match.id, readHealth(tenantId, match));
        updates.push(() => tx.update(children).set(update).where(and(eq(children.tenantId, tenantId), eq(children.id, match.id))));
      } else {
        report.children.unchanged++;
      }
    }
    if (!found) report.families.created++;
    else if (changed) report.families.updated++;
    else report.families.unchanged++;
  }
  if (!ctx.write) return;
  if (newHouseholds.length) {
    await tx.insert(households).values(newHouseholds);
    // Each new family gets the code its guardians type on /compte (printed on its invoices).
    await tx
      .insert(householdActivationCodes)
      .values(newHouseholds.map((h) => ({ tenantId, householdId: h.id!, code: newActivationCode(), issuedBy: scope.actor.userId })))
      .onConflictDoNothing();
  }
  if (newGuardians.length) await tx.insert(guardians).values(newGuardians);
  if (newChildren.length) await tx.insert(children).values(newChildren);
  if (newQuotients.length) await tx.insert(quotients).values(newQuotients);
  for (const update of updates) await update();
}

function householdDiffers(found: HouseholdRow, fields: Pick<HouseholdRow, "name" | "addressLine" | "postalCode" | "city" | "isResident">) {
  return (Object.keys(fields) as (keyof typeof fields)[]).some((k) => found[k] !== fields[k]);
}

function guardianDiffers(found: GuardianDb, g: GuardianRow) {
  return found.firstName !== g.firstName || found.lastName !== g.lastName || (g.email !== null && found.email !== g.email) || (g.phone !== null && found.phone !== g.phone);
}

function childDiffers(tenantId: string, found: ChildDb, values: Pick<ChildDb, "school" | "classLevel" | "diet"> & { allergies: string | null }) {
  const allergies = readHealth(tenantId, found).allergies.map((a) => a.allergen).join(", ");
  const wanted = allergiesFromText(values.allergies).map((a) => a.allergen).join(", ");
  return allergies !== wanted || found.school !== values.school || found.classLevel !== values.classLevel || found.diet !== values.diet;
}
