"use client";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { fieldErrors, formError, formValues } from "@/app/_lib/form-errors";
import { useTRPC } from "@/app/_lib/trpc";
import { messages } from "@/common/messages";
import { Alert, Button, Field } from "./ui";

/** A link already used or expired, and where to get a new one (a reset link also sets a first password). */
export function UsedLink() {
  return (
    <Alert tone="error">
      {messages.auth.invalidToken}{" "}
      <Link href="/connexion/mot-de-passe-oublie" className="font-semibold underline underline-offset-4">
        Recevoir un nouveau lien
      </Link>
    </Alert>
  );
}

/** Choosing a password from an e-mailed link: reset or first activation. */
export function NewPasswordForm({ token, purpose }: { token: string; purpose: "reset" | "activate" }) {
  const trpc = useTRPC();
  const router = useRouter();
  const options = purpose === "reset" ? trpc.auth.resetPassword.mutationOptions() : trpc.auth.activate.mutationOptions();
  const mutation = useMutation({ ...options, onSuccess: () => router.push("/connexion?mot_de_passe=1") });
  const errors = fieldErrors(mutation.error);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const v = formValues(event.currentTarget);
        mutation.mutate({ token, newPassword: v.newPassword ?? "", confirmPassword: v.confirmPassword ?? "" });
      }}
    >
      {errors.token ? <UsedLink /> : formError(mutation.error) ? <Alert tone="error">{formError(mutation.error)}</Alert> : null}
      <Field label="Nouveau mot de passe" name="newPassword" type="password" autoComplete="new-password" required hint="10 caractères au minimum ; une longue phrase est idéale." error={errors.newPassword} />
      <Field label="Confirmez le mot de passe" name="confirmPassword" type="password" autoComplete="new-password" required error={errors.confirmPassword} />
      <Button type="submit" disabled={mutation.isPending}>
        {purpose === "reset" ? "Enregistrer le mot de passe" : "Activer mon compte"}
      </Button>
    </form>
  );
}
