"use client";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { fieldErrors, formError, formValues } from "@/app/_lib/form-errors";
import { useTRPC } from "@/app/_lib/trpc";
import { Alert, Button, Field } from "@/app/_components/ui";

export function SignupForm() {
  const trpc = useTRPC();
  const mutation = useMutation(trpc.signup.request.mutationOptions());
  const [method, setMethod] = useState<"password" | "link">("password");
  if (mutation.isSuccess) return <Alert tone="success">{mutation.data.message}</Alert>;
  const errors = fieldErrors(mutation.error);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const v = formValues(event.currentTarget);
        const email = v.email ?? "";
        mutation.mutate(method === "link" ? { method, email } : { method, email, newPassword: v.newPassword ?? "", confirmPassword: v.confirmPassword ?? "" });
      }}
    >
      {formError(mutation.error) ? <Alert tone="error">{formError(mutation.error)}</Alert> : null}
      <Field label="Adresse e-mail" name="email" type="email" autoComplete="email" required error={errors.email} />
      <fieldset className="mb-4">
        <legend className="mb-1 text-sm font-medium text-slate-800">Pour me connecter</legend>
        {(
          [
            ["password", "Je choisis un mot de passe"],
            ["link", "Je reçois un lien de connexion par e-mail à chaque fois"],
          ] as const
        ).map(([value, label]) => (
          <label key={value} className="flex min-h-11 cursor-pointer items-center gap-2 text-sm">
            <input type="radio" name="method" value={value} checked={method === value} onChange={() => setMethod(value)} className="size-4" />
            {label}
          </label>
        ))}
      </fieldset>
      {method === "password" ? (
        <>
          <Field
            label="Mot de passe"
            name="newPassword"
            type="password"
            autoComplete="new-password"
            required
            hint="10 caractères au minimum ; une longue phrase est idéale."
            error={errors.newPassword}
          />
          <Field label="Confirmez le mot de passe" name="confirmPassword" type="password" autoComplete="new-password" required error={errors.confirmPassword} />
        </>
      ) : null}
      <Button type="submit" disabled={mutation.isPending}>
        {mutation.isPending ? "Envoi…" : "Créer mon compte"}
      </Button>
    </form>
  );
}
