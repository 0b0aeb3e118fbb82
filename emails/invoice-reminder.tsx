import { Button, Text } from "@react-email/components";
import { EmailLayout, buttonStyle } from "./email-layout";

/** A reminder (relance) for an unpaid invoice; the last step says the Trésor public will collect it. */
export default function InvoiceReminderEmail(props: {
  firstName: string | null;
  communeName: string;
  step: number;
  lastStep: boolean;
  invoiceNumber: string;
  periodLabel: string;
  dueDate: string;
  remaining: string;
  url: string;
}) {
  return (
    <EmailLayout preview={`Facture ${props.invoiceNumber} : ${props.remaining} restent à régler`}>
      <Text>{props.firstName ? `Bonjour ${props.firstName},` : "Bonjour,"}</Text>
      <Text>
        Sauf erreur de notre part, la facture n° {props.invoiceNumber} ({props.periodLabel}), échue le {props.dueDate}, n&apos;est pas entièrement
        réglée : il reste <strong>{props.remaining}</strong> à payer.
      </Text>
      <Text>Vous pouvez la régler sur le portail famille ou au guichet de la mairie. Si vous venez de la régler, ne tenez pas compte de ce message.</Text>
      {props.lastStep ? (
        <Text>
          <strong>Dernière relance</strong> : sans règlement, la facture sera transmise au Trésor public, qui en assurera le recouvrement (titre
          exécutoire).
        </Text>
      ) : null}
      <Button href={props.url} style={buttonStyle}>
        Régler ma facture
      </Button>
    </EmailLayout>
  );
}
