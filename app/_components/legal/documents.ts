/** The legal pages every space links from its footer (titles as shown). */
export const LEGAL_DOCUMENTS = {
  "mentions-legales": "Mentions légales",
  confidentialite: "Données personnelles et cookies",
  "conditions-utilisation": "Conditions d'utilisation",
  accessibilite: "Accessibilité",
} as const;
export type LegalDocument = keyof typeof LEGAL_DOCUMENTS;

/** Where a legal document lives: in a commune's space, or the platform's. */
export const legalHref = (document: LegalDocument, commune?: string | null) => (commune ? `/${commune}/${document}` : `/${document}`);
