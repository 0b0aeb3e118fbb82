import { Button, Text } from "@react-email/components";
import { EmailLayout, buttonStyle } from "./email-layout";

export default function WaitlistPromotedEmail(props: { childName: string; activityName: string; dayLabel: string; communeName: string; url: string }) {
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
