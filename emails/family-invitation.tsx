import { Button, Text } from "@react-email/components";
import { EmailLayout, buttonStyle } from "./email-layout";

/**
 * A guardian whose family file the town hall created: with an activation link when the address had
 * no account yet (the account is already linked to the file), else a sign-in link.
 */
export default function FamilyInvitationEmail({
  communeName,
  householdName,
  reference,
  activationUrl,
  signInUrl,
}: {
  communeName: string;
  householdName: string;
  reference: string;
  activationUrl: string | null;
  signInUrl: string;
}) {
  return (
    <EmailLayout preview={`Votre dossier famille à ${communeName} est ouvert sur Récré`}>
      <Text>Bonjour,</Text>
      <Text>
        La mairie de {communeName} a ouvert votre dossier famille ({householdName}, référence {reference}) sur Récré, le portail famille : inscriptions,
        réservations, factures et paiements.
      </Text>
      {activationUrl ? (
        <>
          <Text>Choisissez votre mot de passe pour activer votre compte. Ce lien est valable 7 jours.</Text>
          <Button href={activationUrl} style={buttonStyle}>Activer mon compte</Button>
        </>
      ) : (
        <>
          <Text>Votre compte Récré y a accès dès maintenant.</Text>
          <Button href={signInUrl} style={buttonStyle}>Me connecter</Button>
        </>
      )}
    </EmailLayout>
  );
}
