import { Button, Text } from "@react-email/components";
import { EmailLayout, buttonStyle } from "./email-layout";

/** A day closed by the commune: the booking is cancelled; `credited` is the amount put back on the family account, if paid. */
export default function DayClosedEmail(props: {
  childName: string;
  activityName: string;
  dayLabel: string;
  communeName: string;
  credited: string | null;
  url: string;
}) {
  return (
    <EmailLayout preview={`${props.activityName} fermé le ${props.dayLabel}`}>
      <Text>Bonjour,</Text>
      <Text>
        La commune de {props.communeName} ferme « {props.activityName} » le {props.dayLabel}. La réservation de {props.childName} ce jour-là est
        annulée{props.credited ? ` et ${props.credited} sont crédités sur votre compte famille` : " : elle ne vous sera pas facturée"}.
      </Text>
      <Button href={props.url} style={buttonStyle}>Voir le planning</Button>
    </EmailLayout>
  );
}
