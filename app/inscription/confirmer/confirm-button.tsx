"use client";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/app/_lib/trpc";
import { Alert, Button, ButtonLink } from "@/app/_components/ui";

/** A button, not an automatic call on opening: mail scanners that open links must not use them up. */
export function ConfirmSignup({ token }: { token: string }) {
  const trpc = useTRPC();
  const mutation = useMutation(trpc.signup.confirm.mutationOptions());
  if (mutation.isSuccess) {
    return (
      <>
        <Alert tone="success">
          Votre adresse {mutation.data.email} est confirmée et votre compte est ouvert.{" "}
          {mutation.data.hasPassword ? "Connectez-vous avec votre mot de passe." : "Connectez-vous en recevant un lien par e-mail."}
        </Alert>
        <ButtonLink href="/connexion?retour=/compte">Me connecter</ButtonLink>
      </>
    );
  }
  return (
    <>
      {mutation.error ? (
        <Alert tone="error">
          {mutation.error.message}{" "}
          <Link href="/inscription" className="font-semibold underline underline-offset-4">
            Recommencer l&apos;inscription
          </Link>
        </Alert>
      ) : null}
      <Button type="button" disabled={mutation.isPending} onClick={() => mutation.mutate({ token })}>
        Confirmer mon adresse et ouvrir mon compte
      </Button>
    </>
  );
}
