/** Online payments by provider (Stripe, PayFiP), receipts, refunds and counter payments' keys: every sentence, in French. */
export const paymentsOnlineMessages = {
  idempotencyKeyReused: "Ce formulaire a déjà servi pour un autre dossier famille : rechargez la page avant d'enregistrer un règlement.",
  providers: { demo: "Démonstration (aucun argent encaissé)", stripe: "Carte bancaire (Stripe)", payfip: "PayFiP (DGFiP)" } as Record<string, string>,
  settings: {
    providerUnknown: "Prestataire : choisissez un prestataire proposé.",
    providerOff: "Prestataire : ce prestataire n'est pas disponible sur cette plateforme.",
    numcliInvalid: "Numéro client PayFiP : 6 chiffres, donnés par la DGFiP.",
    modeInvalid: "Mode PayFiP : T (test), X (activation) ou W (production).",
    stripeUnavailable: "Stripe n'est pas configuré sur cette plateforme (clé secrète absente).",
    stripeNotChosen: "Choisissez d'abord Stripe comme prestataire et enregistrez.",
    connectDown: "Le prestataire de paiement ne répond pas pour le moment : réessayez dans quelques minutes.",
    saved: "Réglages du paiement en ligne enregistrés.",
    stripeAccountMissing: "Compte Stripe : terminez d'abord l'ouverture du compte de la commune.",
  },
  amountOutsideLimits: (min: string, max: string) =>
    `Le paiement en ligne de votre commune accepte les montants de ${min} à ${max} : rien n'a été prélevé. Réglez ce montant au guichet de la mairie.`,
  creditedInstead: (amount: string) => `plus disponible : ${amount} crédités sur votre compte`,
  receiptSubject: (commune: string, amount: string) => `Reçu de votre paiement de ${amount} — ${commune}`,
  refund: {
    amountInvalid: "Montant : saisissez un montant en euros supérieur à zéro, par exemple 12,50.",
    aboveCredit: (credit: string) => `Montant : le compte famille n'a que ${credit} de crédit à rembourser.`,
    aboveRefundable: (left: string) => `Montant : ce paiement ne peut plus être remboursé que de ${left}.`,
    paymentNotRefundable: "Paiement : choisissez un paiement en ligne réussi de ce dossier famille.",
    providerCannotRefund: "Ce prestataire ne rembourse pas en ligne : enregistrez le remboursement fait par la trésorerie.",
    providerDown: "Le prestataire de paiement ne répond pas : rien n'a été remboursé. Réessayez dans quelques minutes.",
    methodInvalid: "Mode : virement, chèque ou espèces.",
    label: (method: string, reference: string) => `Remboursement (${method})${reference ? ` — ${reference}` : ""}`,
    done: (amount: string) => `Remboursement de ${amount} enregistré.`,
  },
} as const;
