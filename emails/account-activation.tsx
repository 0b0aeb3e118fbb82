import { Button, Text } from "@react-email/components";
import { EmailLayout, buttonStyle } from "./email-layout";

export default function AccountActivationEmail({ url, communeName, roleLabel }: { url: string; communeName: string; roleLabel: string }) {
  return (
    <EmailLayout preview={`Activez votre compte Récré — ${communeName}`}>
      <Text>Bonjour,</Text>
      <Text>
        Un compte vous a été ouvert sur Récré, le portail famille de {communeName}, en tant que {roleLabel}. Choisissez votre mot de passe pour l&apos;activer. Ce lien est valable 7 jours.
      </Text>
      <Button href={url} style={buttonStyle}>Activer mon compte</Button>
    </EmailLayout>
  );
}
