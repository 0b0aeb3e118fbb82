import { Button, Text } from "@react-email/components";
import { EmailLayout, buttonStyle } from "./email-layout";

/** Tells the commune's admins that a family asked for its data to be erased; the page lists what to do. */
export default function ErasureRequestedEmail({ communeName, reference, url }: { communeName: string; reference: string; url: string }) {
  return (
    <EmailLayout preview={`Demande d'effacement de données — ${communeName}`}>
      <Text>Bonjour,</Text>
      <Text>
        La famille de référence {reference} demande l&apos;effacement de ses données personnelles sur le portail famille de {communeName}.
        Le RGPD demande d&apos;y répondre dans un délai d&apos;un mois.
      </Text>
      <Button href={url} style={buttonStyle}>Traiter la demande</Button>
    </EmailLayout>
  );
}
