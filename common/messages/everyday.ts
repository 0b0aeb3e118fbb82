/** Everyday e-mails and summaries: booking confirmations, absence decisions, preferences. */
export const everydayMessages = {
  bookingsEmailSubject: (communeName: string) => `Vos réservations — ${communeName}`,
  absenceEmailSubject: (childName: string, accepted: boolean) => `Absence de ${childName} ${accepted ? "excusée" : "non excusée"}`,
  bookingResults: { confirmed: "réservé", waitlisted: "en liste d'attente", cancelled: "annulé" } as const,
  /** A day staff put in the family's basket (a place given by an allocation): not booked until paid. */
  bookingInBasket: (payBefore: string) => `dans votre panier, à payer avant le ${payBefore} (sinon la place passe à la famille suivante)`,
  logo: {
    name: "Logo : le nom du fichier est manquant ou trop long.",
    type: "Logo : seules les images JPEG ou PNG sont acceptées.",
    size: "Logo : l'image ne doit pas dépasser 500 Ko.",
    tooLarge: "l'image ne doit pas dépasser 500 Ko.",
    empty: "Logo : le fichier est vide ou illisible.",
    mismatch: "Logo : le contenu du fichier ne correspond pas à son format (JPEG ou PNG).",
  },
  pdf: {
    howToPay: "Comment payer",
    online: (url: string) => `En ligne, par carte : ${url}`,
    counter: "Au guichet de la mairie : espèces, chèque, CESU, chèques vacances",
    cheque: (payee: string, reference: string) => `Par chèque à l'ordre de « ${payee} », référence ${reference} au dos`,
    debit: "Par prélèvement automatique : mandat SEPA à demander à la mairie",
    tariffBasis: (labels: string) => `Base tarifaire : ${labels}`,
    qf: (qf: number | null, resident: boolean) =>
      `${qf === null ? "aucun quotient familial enregistré (tranche la plus haute)" : `quotient familial ${qf}`}, ${resident ? "résident" : "non-résident"}`,
  },
  preferencesSaved: "Vos préférences d'e-mails sont enregistrées.",
};
