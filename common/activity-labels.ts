export const serviceKinds = ["cantine", "garderie_matin", "garderie_soir", "etude", "mercredi", "vacances", "petite_enfance"] as const;
export type ServiceKind = (typeof serviceKinds)[number];
export const units = ["meal", "hour", "half_day", "day"] as const;
export type Unit = (typeof units)[number];

/**
 * French names of what an admin configures: services, units, periods, weekdays, class levels.
 * The one place for them; pages and server messages reuse these maps.
 */
export const serviceLabels: Record<ServiceKind, string> = {
  cantine: "Cantine",
  garderie_matin: "Garderie du matin",
  garderie_soir: "Garderie du soir",
  etude: "Étude surveillée",
  mercredi: "Mercredi",
  vacances: "Vacances",
  petite_enfance: "Petite enfance (multi-accueil)",
};

export const unitLabels: Record<Unit, string> = {
  meal: "repas",
  hour: "heure",
  half_day: "demi-journée",
  day: "journée",
};

export type RunsOn = "term" | "holidays" | "all";

export const runsOnLabels: Record<RunsOn, string> = {
  term: "Jours d'école (hors vacances)",
  holidays: "Vacances scolaires uniquement",
  all: "Toute l'année (école et vacances)",
};

/** The period a new activity of a service usually runs on. */
export const defaultRunsOn: Record<ServiceKind, RunsOn> = {
  cantine: "term",
  garderie_matin: "term",
  garderie_soir: "term",
  etude: "term",
  mercredi: "term",
  vacances: "holidays",
  petite_enfance: "all",
};

/** The unit a new activity of a service usually counts in. */
export const defaultUnit: Record<ServiceKind, Unit> = {
  cantine: "meal",
  garderie_matin: "hour",
  garderie_soir: "hour",
  etude: "hour",
  mercredi: "day",
  vacances: "day",
  petite_enfance: "hour",
};

/** ISO weekday (1 = Monday) → name; index 0 is Monday. */
export const weekdayLabels = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"] as const;
export const weekdayShortLabels = ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."] as const;

/** "lundi, mardi, jeudi, vendredi" — or "du lundi au vendredi" for a run of 3 days or more. */
export function describeWeekdays(weekdays: readonly number[]): string {
  const days = [...new Set(weekdays)].filter((d) => d >= 1 && d <= 7).sort((a, b) => a - b);
  if (!days.length) return "aucun jour";
  const consecutive = days.every((d, i) => i === 0 || d === days[i - 1]! + 1);
  if (consecutive && days.length >= 3) return `du ${weekdayLabels[days[0]! - 1]} au ${weekdayLabels[days.at(-1)! - 1]}`;
  return days.map((d) => weekdayLabels[d - 1]).join(", ");
}

/** French school class levels, from maternelle to CM2, in school order. */
export const classLevels = ["TPS", "PS", "MS", "GS", "CP", "CE1", "CE2", "CM1", "CM2"] as const;
export type ClassLevel = (typeof classLevels)[number];

export const classLevelLabels: Record<ClassLevel, string> = {
  TPS: "Toute petite section",
  PS: "Petite section",
  MS: "Moyenne section",
  GS: "Grande section",
  CP: "CP",
  CE1: "CE1",
  CE2: "CE2",
  CM1: "CM1",
  CM2: "CM2",
};

/** "Places : 24 par jour" / "illimitées". */
export function describeCapacity(capacity: number | null): string {
  if (capacity === null) return "illimitée";
  return `${capacity} place${capacity > 1 ? "s" : ""} par jour`;
}

/** Age bounds in months as French text: "de 3 mois à 3 ans", "à partir de 6 ans"… */
export function describeAge(minMonths: number | null, maxMonths: number | null): string | null {
  const age = (m: number) => {
    if (m % 12 === 0) return `${m / 12} an${m / 12 > 1 ? "s" : ""}`;
    if (m < 12) return `${m} mois`;
    return `${Math.floor(m / 12)} an${m >= 24 ? "s" : ""} et ${m % 12} mois`;
  };
  if (minMonths === null && maxMonths === null) return null;
  if (minMonths !== null && maxMonths !== null) return `de ${age(minMonths)} à ${age(maxMonths)}`;
  if (minMonths !== null) return `à partir de ${age(minMonths)}`;
  return `jusqu'à ${age(maxMonths!)}`;
}
