/**
 * The SEPA core mandate's wording (Règlement (UE) 260/2012, rulebook SDD Core), shown on the portal
 * before signing and stored, completed with the parties, as the signed mandate.
 */
export function mandateBody(communeName: string): string {
  const creditor = `la commune de ${communeName}`;
  return [
    `En signant ce formulaire de mandat, vous autorisez ${creditor} à envoyer des instructions à votre banque pour débiter votre compte, et votre banque à débiter votre compte conformément aux instructions de ${creditor}.`,
    "Vous bénéficiez du droit d'être remboursé par votre banque selon les conditions décrites dans la convention que vous avez passée avec elle. Une demande de remboursement doit être présentée dans les 8 semaines suivant la date de débit de votre compte pour un prélèvement autorisé.",
    "Vous serez prévenu par e-mail au moins 14 jours avant chaque prélèvement, de son montant et de sa date. Vous pouvez révoquer ce mandat à tout moment depuis le portail famille.",
  ].join("\n\n");
}

export interface SignedMandateParties {
  communeName: string;
  creditorId: string;
  rum: string;
  holderName: string;
  iban: string;
  bic: string;
  signatureDate: string;
  signedBy: string;
}

/** The mandate as stored: the wording, then who, which account, which reference, when. */
export function signedMandateText(p: SignedMandateParties): string {
  return [
    "MANDAT DE PRÉLÈVEMENT SEPA — paiement récurrent",
    mandateBody(p.communeName),
    [
      `Référence unique du mandat (RUM) : ${p.rum}`,
      `Créancier : commune de ${p.communeName} — identifiant créancier SEPA (ICS) : ${p.creditorId}`,
      `Débiteur : ${p.holderName}`,
      `IBAN : ${p.iban} — BIC : ${p.bic}`,
      `Signé électroniquement sur le portail famille le ${p.signatureDate} par ${p.signedBy}.`,
    ].join("\n"),
  ].join("\n\n");
}
