import { Button, Link, Text } from "@react-email/components";
import { EmailLayout, buttonStyle } from "./email-layout";

/** Sent instead of a confirmation link when the address already has an account: the page said the same either way. */
export default function SignupExistingEmail({ signInUrl, resetUrl }: { signInUrl: string; resetUrl: string }) {
  return (
    <EmailLayout preview="Vous avez déjà un compte Récré">
      <Text>Bonjour,</Text>
      <Text>Quelqu&apos;un (sans doute vous) a demandé la création d&apos;un compte Récré avec cette adresse. Vous avez déjà un compte : connectez-vous avec votre mot de passe ou un lien de connexion.</Text>
      <Button href={signInUrl} style={buttonStyle}>Me connecter</Button>
      <Text>
        Mot de passe oublié ? <Link href={resetUrl}>Choisir un nouveau mot de passe</Link>
      </Text>
      <Text style={{ fontSize: "13px", color: "#6b7280" }}>Si vous n&apos;avez rien demandé, ignorez ce message : votre compte reste inchangé.</Text>
    </EmailLayout>
  );
}
