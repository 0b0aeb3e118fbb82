import { Button, Text } from "@react-email/components";
import { EmailLayout, buttonStyle } from "./email-layout";

/**
 * Notice that a monthly invoice is on the portal. Deliberately no amount and no personal data
 * beyond the guardian's first name: the invoice itself is read after signing in.
 */
export default function InvoiceAvailableEmail(props: { firstName: string | null; communeName: string; periodLabel: string; url: string }) {
  return (
    <EmailLayout preview={`Votre facture de ${props.periodLabel} est disponible`}>
      <Text>{props.firstName ? `Bonjour ${props.firstName},` : "Bonjour,"}</Text>
      <Text>
        Votre facture est disponible sur le Portail Familles de {props.communeName} pour la période de {props.periodLabel}.
      </Text>
      <Text>Connectez-vous au portail pour la consulter, la télécharger en PDF et la régler en ligne.</Text>
      <Button href={props.url} style={buttonStyle}>
        Voir mes factures
      </Button>
      <Text style={{ fontSize: "13px", color: "#6b7280" }}>
        Vous recevez ce message car vous avez choisi de recevoir vos factures par e-mail. Vous pouvez revenir au papier depuis la page « Factures » du portail (« Je choisis mon mode de réception de facture »).
      </Text>
    </EmailLayout>
  );
}
