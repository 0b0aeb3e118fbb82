import { Button, Text } from "@react-email/components";
import { EmailLayout, buttonStyle } from "./email-layout";

/** The commune's answer to an enrolment request; `reason` is given when it is refused. */
export default function EnrolmentDecidedEmail(props: {
  childName: string;
  activityName: string;
  communeName: string;
  accepted: boolean;
  reason: string | null;
  url: string;
}) {
  const preview = `Inscription de ${props.childName} ${props.accepted ? "acceptée" : "refusée"}`;
  return (
    <EmailLayout preview={preview}>
      <Text>Bonjour,</Text>
      {props.accepted ? (
        <Text>
          La commune de {props.communeName} a accepté l&apos;inscription de {props.childName} à « {props.activityName} » : vous pouvez dès maintenant
          réserver ses jours depuis le planning.
        </Text>
      ) : (
        <Text>
          La commune de {props.communeName} n&apos;a pas pu accepter l&apos;inscription de {props.childName} à « {props.activityName} ». Motif : {props.reason}
        </Text>
      )}
      <Button href={props.url} style={buttonStyle}>
        {props.accepted ? "Réserver des jours" : "Voir mes inscriptions"}
      </Button>
    </EmailLayout>
  );
}
