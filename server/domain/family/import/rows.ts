import { classLevels, type ClassLevel } from "@/common/activity-labels";
import { isCivilDate } from "@/common/dates";
import type { Diet } from "@/common/family-input";
import { messages } from "@/common/messages";

const text = messages.familyImport;

/** The columns of the previous software's export, header names exactly (docs/import.md). */
export const importColumns = [
  "reference_famille",
  "nom_famille",
  "adresse",
  "code_postal",
  "ville",
  "resident",
  "quotient_familial",
  "responsable1_nom",
  "responsable1_prenom",
  "responsable1_email",
  "responsable1_telephone",
  "responsable2_nom",
  "responsable2_prenom",
  "responsable2_email",
  "responsable2_telephone",
  "enfant_nom",
  "enfant_prenom",
  "enfant_date_naissance",
  "enfant_ecole",
  "enfant_classe",
  "allergies",
  "regime",
] as const;
export type ImportColumn = (typeof importColumns)[number];

/** Columns the header must have; the others may be left out of the file altogether. */
export const requiredColumns: readonly ImportColumn[] = ["reference_famille", "nom_famille", "resident", "responsable1_nom", "responsable1_prenom", "enfant_nom", "enfant_prenom", "enfant_date_naissance"];

/** The family's own columns: every row of one family must repeat them identically. */
export const familyColumns: readonly ImportColumn[] = importColumns.slice(0, 15);

export interface ImportIssue {
  line: number;
  column: string | null;
  message: string;
}

export interface GuardianRow {
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
}
export interface ChildRow {
  firstName: string;
  lastName: string;
  birthDate: string;
  school: string | null;
  classLevel: ClassLevel | null;
  allergies: string | null;
  diet: Diet;
}
export interface ImportRow {
  line: number;
  reference: string;
  name: string;
  addressLine: string;
  postalCode: string;
  city: string;
  isResident: boolean;
  quotient: number | null;
  guardians: GuardianRow[];
  child: ChildRow | null;
  /** The family columns as written, to compare the rows of one family. */
  familyKey: string[];
}

/** The header's column positions, or what is wrong with it. */
export function readHeader(values: string[]): { positions: Map<ImportColumn, number>; issues: ImportIssue[] } {
  const positions = new Map<ImportColumn, number>();
  const issues: ImportIssue[] = [];
  values.forEach((raw, i) => {
    const name = raw.trim().toLowerCase();
    if (!(importColumns as readonly string[]).includes(name)) issues.push({ line: 1, column: raw, message: text.unknownColumn(raw) });
    else if (positions.has(name as ImportColumn)) issues.push({ line: 1, column: name, message: text.duplicateColumn(name) });
    else positions.set(name as ImportColumn, i);
  });
  for (const c of requiredColumns) if (!positions.has(c)) issues.push({ line: 1, column: c, message: text.missingColumn(c) });
  return { positions, issues };
}

/** JJ/MM/AAAA or AAAA-MM-JJ → AAAA-MM-JJ, or null when it is not a real date. */
export function parseImportDate(value: string): string | null {
  const french = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  const iso = french ? `${french[3]}-${french[2]!.padStart(2, "0")}-${french[1]!.padStart(2, "0")}` : value;
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) && isCivilDate(iso) ? iso : null;
}

const dietsByLabel: Record<string, Diet> = {
  "": "standard",
  standard: "standard",
  "sans porc": "sans_porc",
  sans_porc: "sans_porc",
  "sans viande": "sans_viande",
  sans_viande: "sans_viande",
  vegetarien: "vegetarien",
  végétarien: "vegetarien",
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const limits: Partial<Record<ImportColumn, number>> = { reference_famille: 30, nom_famille: 120, adresse: 200, code_postal: 10, ville: 100, enfant_ecole: 120, allergies: 500 };

/**
 * One data line checked column by column: the row, or every problem with its column and a French
 * message. `today` (the commune's) bounds dates of birth.
 */
export function readRow(line: number, values: string[], positions: Map<ImportColumn, number>, today: string): { row: ImportRow | null; issues: ImportIssue[] } {
  const issues: ImportIssue[] = [];
  const get = (c: ImportColumn) => {
    const i = positions.get(c);
    return i === undefined ? "" : (values[i] ?? "").trim();
  };
  const problem = (column: ImportColumn, message: string) => issues.push({ line, column, message });
  if (values.length !== positions.size) issues.push({ line, column: null, message: text.fieldCount(values.length, positions.size) });
  for (const c of importColumns) {
    const max = limits[c] ?? 80;
    if (get(c).length > max) problem(c, text.tooLong(max));
  }
  for (const c of ["reference_famille", "nom_famille", "responsable1_nom", "responsable1_prenom"] as const) if (!get(c)) problem(c, text.required);

  const resident = get("resident").toLowerCase();
  if (resident !== "oui" && resident !== "non") problem("resident", text.invalidResident);
  const qfText = get("quotient_familial").replace(/\s/g, "");
  if (qfText && !/^\d{1,6}$/.test(qfText)) problem("quotient_familial", text.invalidQf);
  for (const c of ["responsable1_email", "responsable2_email"] as const) if (get(c) && !EMAIL.test(get(c))) problem(c, text.invalidEmail);

  const second = [get("responsable2_nom"), get("responsable2_prenom")];
  if (second.some(Boolean) && !second.every(Boolean)) problem(get("responsable2_nom") ? "responsable2_prenom" : "responsable2_nom", text.partialGuardian);

  const childParts = [get("enfant_nom"), get("enfant_prenom"), get("enfant_date_naissance")];
  const hasChild = childParts.some(Boolean);
  if (hasChild && !childParts.every(Boolean)) {
    const missing = (["enfant_nom", "enfant_prenom", "enfant_date_naissance"] as const).find((c) => !get(c))!;
    problem(missing, text.partialChild);
  }
  const birthDate = get("enfant_date_naissance") ? parseImportDate(get("enfant_date_naissance")) : null;
  if (get("enfant_date_naissance")) {
    if (!birthDate) problem("enfant_date_naissance", text.invalidDate);
    else if (birthDate > today) problem("enfant_date_naissance", text.futureDate);
    else if (birthDate < `${Number(today.slice(0, 4)) - 30}${today.slice(4)}`) problem("enfant_date_naissance", text.tooOld);
  }
  const classLevel = get("enfant_classe").toUpperCase();
  if (classLevel && !(classLevels as readonly string[]).includes(classLevel)) problem("enfant_classe", text.invalidClass);
  const diet = dietsByLabel[get("regime").toLowerCase()];
  if (!diet) problem("regime", text.invalidDiet);
  if (issues.length) return { row: null, issues };

  const guardian = (n: 1 | 2): GuardianRow => ({
    lastName: get(`responsable${n}_nom`),
    firstName: get(`responsable${n}_prenom`),
    email: get(`responsable${n}_email`).toLowerCase() || null,
    phone: get(`responsable${n}_telephone`) || null,
  });
  return {
    issues,
    row: {
      line,
      reference: get("reference_famille"),
      name: get("nom_famille"),
      addressLine: get("adresse"),
      postalCode: get("code_postal"),
      city: get("ville"),
      isResident: resident === "oui",
      quotient: qfText ? Number(qfText) : null,
      guardians: second[0] ? [guardian(1), guardian(2)] : [guardian(1)],
      child: hasChild
        ? {
            lastName: get("enfant_nom"),
            firstName: get("enfant_prenom"),
            birthDate: birthDate!,
            school: get("enfant_ecole") || null,
            classLevel: (classLevel || null) as ClassLevel | null,
            allergies: get("allergies") || null,
            diet: diet!,
          }
        : null,
      familyKey: familyColumns.map((c) => (c === "resident" ? resident : get(c))),
    },
  };
}
