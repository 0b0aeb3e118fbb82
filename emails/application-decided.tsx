import { Button, Text } from "@react-email/components";
import { EmailLayout, buttonStyle } from "./email-layout";

/**
 * The commune's answer to an online pre-registration: accepted (a family file, or the children
 * added to the family's existing one), a document asked for (the application is open again), or
 * refused with a reason.
 */
export default function ApplicationDecidedEmail(props: {
  communeName: string;
  outcome: "accepted" | "merged" | "needs_document" | "refused";
  /** The refusal reason or the document asked for. */
  message: string | null;
  reference: string | null;
  url: string;
}) {
  const { communeName, outcome } = props;
  const preview =
    outcome === "needs_document"
      ? `${communeName} vous demande une pièce pour votre préinscription`
      : `Votre préinscription à ${communeName} est ${outcome === "refused" ? "refusée" : "acceptée"}`;
  return (
    <EmailLayout preview={preview}>
      <Text>Bonjour,</Text>
      {outcome === "accepted" || outcome === "merged" ? (
        <Text>
          La mairie de {communeName} a accepté votre préinscription{props.reference ? ` : votre dossier famille porte la référence ${props.reference}` : ""}. Les
          inscriptions aux activités demandées sont enregistrées ; vous pouvez réserver les jours dès qu&apos;elles sont acceptées.
        </Text>
      ) : outcome === "needs_document" ? (
        <>
          <Text>La mairie de {communeName} a besoin d&apos;une pièce de plus pour traiter votre préinscription :</Text>
          <Text>« {props.message} »</Text>
          <Text>Ajoutez-la à votre préinscription puis renvoyez-la.</Text>
        </>
      ) : (
        <Text>
          La mairie de {communeName} n&apos;a pas pu accepter votre préinscription. Motif : {props.message}
        </Text>
      )}
      <Button href={props.url} style={buttonStyle}>
        {outcome === "needs_document" ? "Compléter ma préinscription" : outcome === "refused" ? "Voir ma préinscription" : "Ouvrir mon espace famille"}
      </Button>
    </EmailLayout>
  );
}
