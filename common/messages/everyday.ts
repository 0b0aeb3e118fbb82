/** Everyday e-mails and summaries: booking confirmations, absence decisions, preferences. */
export const everydayMessages = {
  bookingsEmailSubject: (communeName: string) => `Vos réservations — ${communeName}`,
  absenceEmailSubject: (childName: string, accepted: boolean) => `Absence de ${childName} ${accepted ? "excusée" : "non excusée"}`,
  bookingResults: { confirmed: "réservé", waitlisted: "en liste d'attente", cancelled: "annulé" } as const,
  preferencesSaved: "Vos préférences d'e-mails sont enregistrées.",
};
