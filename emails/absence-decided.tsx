import { Button, Text } from "@react-email/components";
import { EmailLayout, buttonStyle } from "./email-layout";

/** The front desk's decision on an absence reported after the deadline. */
export default function AbsenceDecidedEmail(props: { childName: string; activityName: string; dayLabel: string; communeName: string; accepted: boolean; url: string }) {
  return (
    <EmailLayout preview={`Absence de ${props.childName} ${props.accepted ? "excusée" : "non excusée"}`}>
      <Text>Bonjour,</Text>
      {props.accepted ? (
        <Text>
          La commune de {props.communeName} a excusé l&apos;absence de {props.childName} à « {props.activityName} » le {props.dayLabel} : ce jour ne vous sera pas
          facturé (ou sera crédité s&apos;il l&apos;a déjà été).
        </Text>
      ) : (
        <Text>
          La commune de {props.communeName} n&apos;a pas excusé l&apos;absence de {props.childName} à « {props.activityName} » le {props.dayLabel} : le jour reste
          facturé selon le règlement du service. Pour en parler, contactez la mairie.
        </Text>
      )}
      <Button href={props.url} style={buttonStyle}>
        Voir mes absences
      </Button>
    </EmailLayout>
  );
}
