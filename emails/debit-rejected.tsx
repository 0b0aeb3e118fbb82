import { Button, Text } from "@react-email/components";
import { EmailLayout, buttonStyle } from "./email-layout";

/** A debit the bank returned: the invoices it was to pay are due again, with the commune's fee if it charges one. */
export default function DebitRejectedEmail(props: {
  firstName: string | null;
  communeName: string;
  amount: string;
  collectionDate: string;
  reason: string;
  invoiceNumbers: string[];
  rum: string;
  ibanMasked: string;
  fee: string | null;
  url: string;
}) {
  const several = props.invoiceNumbers.length > 1;
  return (
    <EmailLayout preview={`Votre prélèvement du ${props.collectionDate} a été rejeté`}>
      <Text>{props.firstName ? `Bonjour ${props.firstName},` : "Bonjour,"}</Text>
      <Text>
        Votre banque a rejeté le prélèvement de <strong>{props.amount}</strong> du {props.collectionDate} sur votre compte {props.ibanMasked} (mandat n° {props.rum}). Motif
        indiqué par la banque : {props.reason}.
      </Text>
      <Text>
        {several ? "Les factures" : "La facture"} {props.invoiceNumbers.join(", ")} {several ? "restent à payer" : "reste à payer"} : vous pouvez {several ? "les" : "la"} régler en
        ligne ou au guichet de la mairie.
        {props.fee ? ` Les frais bancaires de rejet (${props.fee}) sont facturés à part, comme la commune l'a prévu.` : ""}
      </Text>
      <Button href={props.url} style={buttonStyle}>
        Voir mes factures
      </Button>
    </EmailLayout>
  );
}
