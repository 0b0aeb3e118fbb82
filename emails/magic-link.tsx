import { Button, Text } from "@react-email/components";
import { EmailLayout, buttonStyle } from "./email-layout";

export default function MagicLinkEmail({ url }: { url: string }) {
  return (
    <EmailLayout preview="Votre lien de connexion à Récré">
      <Text>Bonjour,</Text>
      <Text>Pour vous connecter au portail famille, cliquez sur le bouton ci-dessous. Ce lien est valable 24 heures et ne sert qu&apos;une fois.</Text>
      <Button href={url} style={buttonStyle}>Me connecter</Button>
      <Text style={{ fontSize: "13px", color: "#6b7280" }}>Si vous n&apos;avez rien demandé, ignorez ce message.</Text>
    </EmailLayout>
  );
}
