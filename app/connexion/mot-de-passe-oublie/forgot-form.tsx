"use client";
import { useMutation } from "@tanstack/react-query";
import { fieldErrors, formError, formValues } from "@/app/_lib/form-errors";
import { useTRPC } from "@/app/_lib/trpc";
import { Alert, Button, Field } from "@/app/_components/ui";

export function ForgotPasswordForm() {
  const trpc = useTRPC();
  const mutation = useMutation(trpc.auth.requestPasswordReset.mutationOptions());
  if (mutation.isSuccess) return <Alert tone="success">{mutation.data.message}</Alert>;
  const errors = fieldErrors(mutation.error);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        mutation.mutate({ email: formValues(event.currentTarget).email ?? "" });
      }}
    >
      {formError(mutation.error) ? <Alert tone="error">{formError(mutation.error)}</Alert> : null}
      <Field label="Adresse e-mail" name="email" type="email" autoComplete="email" required error={errors.email} />
      <Button type="submit" disabled={mutation.isPending}>
        Recevoir un lien
      </Button>
    </form>
  );
}
