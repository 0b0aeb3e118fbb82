import { Button, Text } from "@react-email/components";
import { EmailLayout, buttonStyle } from "./email-layout";

/**
 * `payBefore`: the place waits in the basket until then (prepaid activity); null: the booking is confirmed.
 * `severalDays`: `dayLabel` lists days promoted together (« lundi 5 juillet, mardi 6 juillet et … »).
 */
export default function WaitlistPromotedEmail(props: {
  childName: string;
  activityName: string;
  dayLabel: string;
  severalDays?: boolean;
  communeName: string;
  payBefore?: string | null;
  url: string;
}) {
  const when = `${props.severalDays ? "les" : "le"} ${props.dayLabel}`;
  if (props.payBefore) {
    return (
      <EmailLayout preview={`Une place s'est libérée pour ${props.childName}`}>
        <Text>Bonjour,</Text>
        <Text>
          {props.severalDays ? "Des places se sont libérées" : "Une place s'est libérée"} pour {props.childName} : « {props.activityName} » {when} ({props.communeName}).
          {props.severalDays ? " Elles vous attendent" : " Elle vous attend"} dans votre panier jusqu&apos;au {props.payBefore} : payez d&apos;ici là pour confirmer la réservation, sinon {props.severalDays ? "les places passeront" : "la place passera"} à la famille suivante.
        </Text>
        <Button href={props.url} style={buttonStyle}>Payer mon panier</Button>
      </EmailLayout>
    );
  }
  return (
    <EmailLayout preview={`Une place s'est libérée pour ${props.childName}`}>
      <Text>Bonjour,</Text>
      <Text>
        {props.severalDays ? "Des places se sont libérées" : "Une place s'est libérée"} : la réservation de {props.childName} pour « {props.activityName} » {when} est
        confirmée ({props.communeName}).
      </Text>
      <Text>Si vous n&apos;en avez plus besoin, annulez-la depuis le portail avant la date limite.</Text>
      <Button href={props.url} style={buttonStyle}>Voir le planning</Button>
    </EmailLayout>
  );
}
