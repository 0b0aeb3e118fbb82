"use client";
import Link from "next/link";
import { useActionState } from "react";
import { Alert, Button, Card, Field } from "@/app/_components/ui";
import { magicLinkSignIn, passwordSignIn, type SignInState } from "./actions";

export function SignInForms({ returnTo }: { returnTo: string }) {
  const [passwordState, passwordAction, passwordPending] = useActionState<SignInState, FormData>(passwordSignIn, {});
  const [magicState, magicAction, magicPending] = useActionState<SignInState, FormData>(magicLinkSignIn, {});
  return (
    <div className="grid gap-6">
      <Card title="Avec mon mot de passe">
        {passwordState.error ? <Alert tone="error">{passwordState.error}</Alert> : null}
        <form action={passwordAction} noValidate>
          <input type="hidden" name="retour" value={returnTo} />
          <Field label="Adresse e-mail" name="email" type="email" autoComplete="email" required error={passwordState.fieldErrors?.email} />
          <Field label="Mot de passe" name="password" type="password" autoComplete="current-password" required error={passwordState.fieldErrors?.password} />
          <div className="flex flex-wrap items-center justify-between gap-3">
            <Button type="submit" disabled={passwordPending}>
              {passwordPending ? "Connexion…" : "Se connecter"}
            </Button>
            <Link href="/connexion/mot-de-passe-oublie" className="text-sm font-medium text-brand-700 underline underline-offset-4">
              Mot de passe oublié ?
            </Link>
          </div>
        </form>
      </Card>
      <Card title="Sans mot de passe">
        <p className="mb-3 text-sm text-slate-600">Recevez un lien de connexion à usage unique par e-mail.</p>
        {magicState.error ? <Alert tone="error">{magicState.error}</Alert> : null}
        <form action={magicAction} noValidate>
          <input type="hidden" name="retour" value={returnTo} />
          <Field label="Adresse e-mail" name="email" id="champ-magicEmail" type="email" autoComplete="email" required error={magicState.fieldErrors?.magicEmail} />
          <Button type="submit" variant="secondary" disabled={magicPending}>
            {magicPending ? "Envoi…" : "Recevoir un lien de connexion"}
          </Button>
        </form>
      </Card>
    </div>
  );
}
