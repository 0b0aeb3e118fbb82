import { Button, Text } from "@react-email/components";
import { EmailLayout, buttonStyle } from "./email-layout";

/** A family's change to its file, accepted or refused by the town hall. */
export default function FamilyChangeDecidedEmail({
  communeName,
  sectionLabel,
  accepted,
  reason,
  fileUrl,
}: {
  communeName: string;
  sectionLabel: string;
  accepted: boolean;
  reason: string | null;
  fileUrl: string;
}) {
  return (
    <EmailLayout preview={accepted ? "Votre modification est acceptée" : "Votre modification est refusée"}>
      <Text>Bonjour,</Text>
      <Text>
        La mairie de {communeName} a {accepted ? "accepté" : "refusé"} la modification de votre dossier famille : « {sectionLabel} ».
      </Text>
      {reason ? <Text>Motif : {reason}</Text> : null}
      <Button href={fileUrl} style={buttonStyle}>
        Voir mon dossier
      </Button>
    </EmailLayout>
  );
}
