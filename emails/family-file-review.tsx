import { Button, Text } from "@react-email/components";
import { EmailLayout, buttonStyle } from "./email-layout";

/** The commune asks every family to check its file before the new school year. */
export default function FamilyFileReviewEmail({
  communeName,
  schoolYear,
  warnings,
  fileUrl,
}: {
  communeName: string;
  schoolYear: string;
  /** Documents that expire before the new school year. */
  warnings: string[];
  fileUrl: string;
}) {
  return (
    <EmailLayout preview={`Vérifiez votre dossier famille pour ${schoolYear}`}>
      <Text>Bonjour,</Text>
      <Text>
        Avant l&apos;année scolaire {schoolYear}, la mairie de {communeName} vous demande de vérifier votre dossier famille : coordonnées, santé,
        autorisations, personnes autorisées à venir chercher vos enfants, assurance.
      </Text>
      {warnings.map((w) => (
        <Text key={w}>⚠ {w}</Text>
      ))}
      <Button href={fileUrl} style={buttonStyle}>
        Vérifier mon dossier
      </Button>
    </EmailLayout>
  );
}
