import { Button, Text } from "@react-email/components";
import { EmailLayout, buttonStyle } from "./email-layout";

/** An account that already exists is given a role in a commune: nothing to activate, just where to go. */
export default function StaffAddedEmail({ communeName, roleLabel, signInUrl }: { communeName: string; roleLabel: string; signInUrl: string }) {
  return (
    <EmailLayout preview={`Vous avez rejoint l'équipe de ${communeName} sur Récré`}>
      <Text>Bonjour,</Text>
      <Text>
        Vous avez été ajouté à l&apos;équipe de {communeName} sur Récré, en tant que {roleLabel}. Connectez-vous avec votre compte habituel.
      </Text>
      <Button href={signInUrl} style={buttonStyle}>Me connecter</Button>
    </EmailLayout>
  );
}
