import { Button, Text } from "@react-email/components";
import { EmailLayout, buttonStyle } from "./email-layout";

/** `payBefore`: the place waits in the basket until then (prepaid activity); null: the booking is confirmed. */
export default function WaitlistPromotedEmail(props: {
  childName: string;
  activityName: string;
  dayLabel: string;
  communeName: string;
  payBefore?: string | null;
  url: string;
}) {
  if (props.payBefore) {
    return (
      <EmailLayout preview={`Une place s'est libérée pour ${props.childName}`}>
        <Text>Bonjour,</Text>
        <Text>
          Une place s&apos;est libérée pour {props.childName} : « {props.activityName} » le {props.dayLabel} ({props.communeName}). Elle vous attend dans
          votre panier jusqu&apos;au {props.payBefore} : payez-la d&apos;ici là pour confirmer la réservation, sinon elle passera à la famille suivante.
        </Text>
        <Button href={props.url} style={buttonStyle}>Payer mon panier</Button>
      </EmailLayout>
    );
  }
  return (
    <EmailLayout preview={`Une place s'est libérée pour ${props.childName}`}>
      <Text>Bonjour,</Text>
      <Text>
        Une place s&apos;est libérée : la réservation de {props.childName} pour « {props.activityName} » le {props.dayLabel} est confirmée ({props.communeName}).
      </Text>
      <Text>Si vous n&apos;en avez plus besoin, annulez-la depuis le portail avant la date limite.</Text>
      <Button href={props.url} style={buttonStyle}>Voir le planning</Button>
    </EmailLayout>
  );
}
