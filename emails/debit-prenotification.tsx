import { Button, Text } from "@react-email/components";
import { EmailLayout, buttonStyle } from "./email-layout";

/** Pré-notification SEPA: amount, date and mandate of the coming debit, at least 14 days before it. */
export default function DebitPrenotificationEmail(props: {
  firstName: string | null;
  communeName: string;
  amount: string;
  collectionDate: string;
  invoiceNumbers: string[];
  rum: string;
  creditorId: string;
  ibanMasked: string;
  url: string;
}) {
  return (
    <EmailLayout preview={`Prélèvement de ${props.amount} le ${props.collectionDate}`}>
      <Text>{props.firstName ? `Bonjour ${props.firstName},` : "Bonjour,"}</Text>
      <Text>
        La commune de {props.communeName} prélèvera <strong>{props.amount}</strong> sur votre compte {props.ibanMasked} le{" "}
        <strong>{props.collectionDate}</strong>, pour {props.invoiceNumbers.length > 1 ? "les factures" : "la facture"} {props.invoiceNumbers.join(", ")}.
      </Text>
      <Text>
        Mandat n° {props.rum} — identifiant créancier SEPA {props.creditorId}. Veillez à ce que votre compte soit approvisionné à cette date.
      </Text>
      <Button href={props.url} style={buttonStyle}>
        Voir mon mandat de prélèvement
      </Button>
    </EmailLayout>
  );
}
