/** Fair allocation of oversubscribed places (issue #15): every sentence a user reads about it. */
export const allocationMessages = {
  statuses: { draft: "Brouillon", open: "Candidatures ouvertes", closed: "Candidatures closes", allocated: "Attribution calculée", published: "Résultats publiés" },
  modes: { first_come: "Premier arrivé, premier servi", application: "Candidatures puis attribution" },
  criteria: {
    resident: "Résident de la commune",
    parentsWorking: "Parents (ou parent isolé) qui travaillent",
    siblingPlaced: "Frère ou sœur déjà accueilli",
    daysObtained: "Jours déjà obtenus sur la période",
    social: "Critère social (fixé par le service)",
    unexcusedAbsences: "Absences non excusées la période précédente",
  },
  scoring: { points: "Points pondérés", priority: "Priorités strictes (dans l'ordre)" },
  notDraft: "Ce tour d'attribution n'est plus modifiable : il est déjà ouvert.",
  notOpen: "Les candidatures ne sont pas ouvertes pour ce tour.",
  notYetOpen: (when: string) => `Les candidatures ouvrent le ${when}.`,
  closedAlready: "Les candidatures sont closes : votre demande ne peut plus être modifiée.",
  notClosed: "Closez d'abord les candidatures.",
  notAllocated: "Lancez d'abord l'attribution.",
  published: "Les résultats sont déjà publiés : ils ne peuvent plus être recalculés ni modifiés.",
  windowOrder: "la fermeture doit suivre l'ouverture",
  residentsOrder: "l'ouverture anticipée des résidents doit précéder l'ouverture générale",
  periodOrder: "la fin de période doit suivre son début",
  dayOutside: "un jour choisi n'est pas dans la période du tour",
  duplicateChoice: "deux choix identiques",
  noCapacity: "Pas assez de places sur ces jours pour ce choix.",
  choiceMissing: "Ce choix n'existe pas dans la demande.",
  reasonRequired: "Motif : obligatoire pour modifier une attribution.",
  siblingsTogether: "Frères et sœurs ensemble",
  contestSubject: (round: string) => `Contestation de l'attribution : ${round}`,
  bookingReason: (round: string) => `Attribution des places : ${round}`,
} as const;

/** Field labels of the allocation forms (names unused elsewhere, so no other label is overridden). */
export const allocationFields = {
  roundLabel: "Nom du tour",
  periodFrom: "Début de la période",
  periodTo: "Fin de la période",
  closesDate: "Fermeture des candidatures",
  residentsOpensDate: "Ouverture anticipée des résidents",
  criteria: "Critères",
  choices: "Choix",
  adjustReason: "Motif",
} as const;
