/** RGPD rights (export, erasure), retention and the audit log, in French. */
export const rgpdMessages = {
  exportFilename: (reference: string) => `recre-donnees-${reference}.zip`,
  exportReadme: (communeName: string) =>
    [
      `Vos données détenues par ${communeName} sur le portail famille Récré.`,
      "",
      "donnees.json : votre dossier famille (foyer, responsables, enfants et leurs données de santé, personnes autorisées,",
      "quotients familiaux, inscriptions, réservations, absences, présences, factures, avoirs, paiements, mandats SEPA",
      "et prélèvements, attestations fiscales, demandes et messages, pré-inscriptions, historique du dossier et journal",
      "des consultations et modifications faites par la mairie).",
      "factures/ : vos factures au format PDF.",
      "attestations/ : vos attestations fiscales au format PDF.",
      "fichiers/ : les fichiers que vous avez déposés (photos, certificats, documents, pièces jointes des demandes",
      "et de la pré-inscription).",
      "",
      "Pour toute question sur vos données, contactez le délégué à la protection des données de la commune",
      "(voir sa page « Confidentialité »).",
    ].join("\r\n"),
  erasure: {
    alreadyErased: "Ce dossier famille a déjà été effacé.",
    requestNotFound: "Cette demande d'effacement est introuvable ou déjà traitée.",
    requested: "Votre demande d'effacement est enregistrée. La mairie la traitera et vous tiendra informé.",
    staffSubject: (communeName: string) => `Demande d'effacement de données — ${communeName}`,
    pseudonym: (reference: string) => `Famille effacée n° ${reference}`,
    childPseudonym: (n: number) => `Enfant ${n}`,
    erasedChildLastName: "(effacé)",
  },
  retention: {
    settingInvalid: (min: number, max: number) => `nombre entier entre ${min} et ${max}`,
  },
  /** The audit log's actions, as staff read them in the journal. */
  auditActions: {
    "health.viewed": "Consultation des données de santé",
    "health.document_downloaded": "Téléchargement d'un document de santé (PAI, vaccinations, certificat)",
    "family.changed": "Modification du dossier famille",
    "family.resident_changed": "Changement du statut de résident",
    "family.activation_code_regenerated": "Nouveau code d'activation du portail",
    "family.account_linked": "Compte famille rattaché au dossier",
    "rgpd.exported": "Export des données (RGPD)",
    "rgpd.erasure_requested": "Demande d'effacement (RGPD)",
    "rgpd.erased": "Effacement des données (RGPD)",
    "rgpd.health_erased": "Effacement des données de santé (durée de conservation)",
  } as Record<string, string>,
  actorRoles: { parent: "la famille", staff: "agent de la mairie", system: "traitement automatique" } as Record<string, string>,
} as const;
