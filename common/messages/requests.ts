/** Demandes, messages, news and documents: every sentence the server shows about them, in French. */

const statusLabels = {
  sent: "Envoyée",
  in_progress: "En cours",
  awaiting_family: "En attente de votre réponse",
  accepted: "Acceptée",
  refused: "Refusée",
} as const;

export const requestsMessages = {
  statuses: statusLabels,
  /** The same statuses as staff read them. */
  staffStatuses: { ...statusLabels, awaiting_family: "En attente de la famille" } as Record<keyof typeof statusLabels, string>,
  handledBy: { admin: "Administrateurs", agent: "Accueil (guichet unique)" },
  categoryUnknown: "Catégorie : choisissez une catégorie de la liste.",
  fieldRequired: (label: string) => `${label} : champ obligatoire`,
  fieldTooLong: (label: string) => `${label} : 2 000 caractères au maximum`,
  fieldDate: (label: string) => `${label} : date invalide (format AAAA-MM-JJ)`,
  attachmentsMissing: (labels: string[]) => `Pièces jointes : joignez ${labels.map((l) => `« ${l} »`).join(", ")}.`,
  tooManyFiles: (n: number) => `Pièces jointes : ${n} fichiers au maximum par envoi.`,
  invoiceRequired: "Facture : choisissez la facture contestée.",
  bodyRequired: "Message : écrivez votre message.",
  closed: "Cette demande est close : elle ne peut plus changer. Envoyez une nouvelle demande au besoin.",
  refusalReasonRequired: "Motif du refus : indiquez pourquoi la demande est refusée.",
  notThisAction: "Cette action ne correspond pas à la catégorie de la demande.",
  noInvoice: "Cette demande n'est liée à aucune facture.",
  creditNoteDone: "Un avoir a déjà été émis depuis cette demande.",
  addressIncomplete: "Adresse : la demande doit indiquer l'adresse, le code postal (5 chiffres) et la commune.",
  periodInvalid: "Période : la date de fin doit suivre la date de début, sur un an au plus.",
  childUnknown: "Enfant : choisissez un enfant de la famille.",
  assigneeUnknown: "Agent : choisissez un membre de l'équipe de la commune.",
  events: {
    created: "Demande envoyée",
    status: (status: keyof typeof statusLabels) => `Statut : ${statusLabels[status]}`,
    assigned: (name: string | null) => (name ? `Confiée à ${name}` : "Plus confiée à personne"),
    addressChanged: (address: string) => `Adresse du dossier mise à jour : ${address}`,
    creditNote: (number: string, amount: string) => `Avoir ${number} de ${amount} émis`,
    certificate: "Attestation de présence établie",
  },
  email: {
    toFamilySubject: (communeName: string) => `Votre demande à la mairie de ${communeName}`,
    toStaffSubject: (category: string, household: string) => `Demande « ${category} » — ${household}`,
  },
  certificate: {
    title: "Attestation de présence",
    fileName: (child: string, from: string, to: string) => `attestation-presence-${child}-${from}-${to}.pdf`,
    body: (commune: string, child: string, birth: string, from: string, to: string) =>
      `Le maire de ${commune} atteste que l'enfant ${child}, né(e) le ${birth}, a été présent(e) aux activités municipales suivantes du ${from} au ${to} :`,
    none: "Aucune présence n'a été pointée sur cette période.",
    total: (n: number) => `Total : ${n} jour${n > 1 ? "s" : ""} de présence.`,
    issued: (place: string, date: string) => `Fait à ${place}, le ${date}.`,
    footer: "Document établi à partir des pointages de présence du portail famille Récré.",
    unit: { meal: "repas", hour: "heures", half_day: "demi-journées", day: "journées" } as Record<string, string>,
  },
  files: {
    label: "Pièce jointe",
    type: "Pièce jointe : seuls les fichiers PDF, JPEG ou PNG sont acceptés.",
    size: "Pièce jointe : le fichier ne doit pas dépasser 700 Ko.",
    tooLarge: "le fichier ne doit pas dépasser 700 Ko.",
    empty: "Pièce jointe : le fichier est vide ou illisible.",
    mismatch: "Pièce jointe : le contenu du fichier n'est pas un PDF, JPEG ou PNG valide (ou contient du code actif).",
    name: "Pièce jointe : le nom du fichier est manquant ou trop long.",
  },
  messages: {
    audienceEmpty: "Destinataires : aucune famille n'est inscrite à cette activité ou ce site.",
    audienceRequired: "Destinataires : choisissez une famille, une activité ou un site.",
    subjectRequired: "Objet : champ obligatoire",
    emailSubject: (communeName: string) => `Nouveau message de la mairie de ${communeName}`,
    toStaffSubject: (household: string) => `Nouveau message de la famille ${household}`,
    sent: (n: number) => (n > 1 ? `Message envoyé à ${n} familles.` : "Message envoyé."),
  },
  publications: {
    titleRequired: "Titre : champ obligatoire",
    untilBeforeFrom: "Fin de publication : elle doit suivre le début de publication.",
    documentCategories: { rules: "Règlement intérieur", menu: "Menus", tariffs: "Tarifs", other: "Autre document" } as Record<string, string>,
  },
};
