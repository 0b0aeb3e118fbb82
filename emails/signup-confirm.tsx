import { Button, Text } from "@react-email/components";
import { EmailLayout, buttonStyle } from "./email-layout";

export default function SignupConfirmEmail({ url }: { url: string }) {
  return (
    <EmailLayout preview="Confirmez votre adresse pour créer votre compte Récré">
      <Text>Bonjour,</Text>
      <Text>Vous avez demandé la création d&apos;un compte sur Récré, le portail famille. Confirmez votre adresse e-mail pour l&apos;ouvrir. Ce lien est valable 24 heures.</Text>
      <Button href={url} style={buttonStyle}>Confirmer mon adresse</Button>
      <Text style={{ fontSize: "13px", color: "#6b7280" }}>Si vous n&apos;avez rien demandé, ignorez ce message : aucun compte ne sera créé.</Text>
    </EmailLayout>
  );
}
