import { Button, Text } from "@react-email/components";
import { EmailLayout, buttonStyle } from "./email-layout";

export default function PasswordResetEmail({ url }: { url: string }) {
  return (
    <EmailLayout preview="Réinitialisation de votre mot de passe">
      <Text>Bonjour,</Text>
      <Text>Vous avez demandé à changer votre mot de passe. Ce lien est valable 1 heure.</Text>
      <Button href={url} style={buttonStyle}>Choisir un nouveau mot de passe</Button>
      <Text style={{ fontSize: "13px", color: "#6b7280" }}>Si vous n&apos;avez rien demandé, votre mot de passe reste inchangé.</Text>
    </EmailLayout>
  );
}
