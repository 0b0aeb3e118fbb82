import { Button, Text } from "@react-email/components";
import { EmailLayout, buttonStyle } from "./email-layout";

/**
 * A day closed by the commune: the booking is cancelled (`credited`: the amount put back on the
 * family account, if paid), or, for a child who was waiting, the place on the waiting list is
 * withdrawn. `reason`: why the calendar closes the day ("Jour férié : Vendredi saint"), if it does.
 */
export default function DayClosedEmail(props: {
  childName: string;
  activityName: string;
  dayLabel: string;
  communeName: string;
  credited: string | null;
  waitlisted?: boolean;
  reason?: string | null;
  url: string;
}) {
  const why = props.reason ? ` (${props.reason})` : "";
  return (
    <EmailLayout preview={`${props.activityName} fermé le ${props.dayLabel}`}>
      <Text>Bonjour,</Text>
      {props.waitlisted ? (
        <Text>
          La commune de {props.communeName} ferme « {props.activityName} » le {props.dayLabel}
          {why}. {props.childName} était sur la liste d&apos;attente pour ce jour-là : sa place sur la liste d&apos;attente est retirée, et rien ne
          vous sera facturé.
        </Text>
      ) : (
        <Text>
          La commune de {props.communeName} ferme « {props.activityName} » le {props.dayLabel}
          {why}. La réservation de {props.childName} ce jour-là est annulée
          {props.credited ? ` et ${props.credited} sont crédités sur votre compte famille` : " : elle ne vous sera pas facturée"}.
        </Text>
      )}
      <Button href={props.url} style={buttonStyle}>Voir le planning</Button>
    </EmailLayout>
  );
}
