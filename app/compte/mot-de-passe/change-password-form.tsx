"use client";
import { useMutation } from "@tanstack/react-query";
import { fieldErrors, formError, formValues } from "@/app/_lib/form-errors";
import { useTRPC } from "@/app/_lib/trpc";
import { Alert, Button, Field } from "@/app/_components/ui";

export function ChangePasswordForm() {
  const trpc = useTRPC();
  const mutation = useMutation(trpc.auth.changePassword.mutationOptions());
  const errors = fieldErrors(mutation.error);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const v = formValues(form);
        mutation.mutate(
          { currentPassword: v.currentPassword ?? "", newPassword: v.newPassword ?? "", confirmPassword: v.confirmPassword ?? "" },
          { onSuccess: () => form.reset() },
        );
      }}
    >
      {mutation.isSuccess ? <Alert tone="success">Votre mot de passe a été changé.</Alert> : null}
      {formError(mutation.error) ? <Alert tone="error">{formError(mutation.error)}</Alert> : null}
      <Field label="Mot de passe actuel" name="currentPassword" type="password" autoComplete="current-password" required error={errors.currentPassword} />
      <Field label="Nouveau mot de passe" name="newPassword" type="password" autoComplete="new-password" required hint="10 caractères au minimum ; une longue phrase est idéale." error={errors.newPassword} />
      <Field label="Confirmez le nouveau mot de passe" name="confirmPassword" type="password" autoComplete="new-password" required error={errors.confirmPassword} />
      <Button type="submit" disabled={mutation.isPending}>
        Changer mon mot de passe
      </Button>
    </form>
  );
}
