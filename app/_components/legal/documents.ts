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

/**
 * The conformity state the accessibility statement declares, and every footer repeats (as the law
 * asks). « non conforme » until an audit of the RGAA's 106 criteria is done: the RGAA asks it of a
 * service that was not audited (what was checked is listed in the statement).
 */
export const ACCESSIBILITY_STATUS = "non conforme";
