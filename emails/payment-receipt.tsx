import { Button, Text } from "@react-email/components";
import { EmailLayout, buttonStyle } from "./email-layout";

/** Receipt of an online payment: how much, when, through whom, with the provider's reference, and what it paid. */
export default function PaymentReceiptEmail(props: {
  firstName: string | null;
  communeName: string;
  amount: string;
  dateLabel: string;
  methodLabel: string;
  providerReference: string | null;
  items: string[];
  url: string;
}) {
  return (
    <EmailLayout preview={`Reçu de votre paiement de ${props.amount}`}>
      <Text>{props.firstName ? `Bonjour ${props.firstName},` : "Bonjour,"}</Text>
      <Text>
        {props.communeName} a bien reçu votre paiement de {props.amount} le {props.dateLabel} ({props.methodLabel}).
      </Text>
      {props.items.length ? (
        <>
          <Text style={{ marginBottom: 0 }}>Ce paiement règle :</Text>
          <ul>
            {props.items.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </>
      ) : null}
      {props.providerReference ? <Text>Référence de la transaction : {props.providerReference}</Text> : null}
      <Button href={props.url} style={buttonStyle}>
        Voir mon relevé de compte
      </Button>
      <Text style={{ fontSize: "13px", color: "#6b7280" }}>Conservez ce reçu : il vaut justificatif de paiement.</Text>
    </EmailLayout>
  );
}
