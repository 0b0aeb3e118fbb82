"use client";
import { FormAlerts } from "@/app/_components/form-alerts";
import { Button, Field } from "@/app/_components/ui";
import { formValues } from "@/app/_lib/form-errors";
import { useTRPC } from "@/app/_lib/trpc";
import { useFormMutation } from "@/app/_lib/use-form-mutation";

export function ChangePasswordForm() {
  const trpc = useTRPC();
  const mutation = useFormMutation(trpc.auth.changePassword.mutationOptions(), { success: "Votre mot de passe a été changé.", resetForm: true, refresh: false });
  const errors = mutation.errors;
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const v = formValues(form);
        mutation.submit(form, { currentPassword: v.currentPassword ?? "", newPassword: v.newPassword ?? "", confirmPassword: v.confirmPassword ?? "" });
      }}
    >
      <FormAlerts success={mutation.success} formError={mutation.formError} />
      <Field label="Mot de passe actuel" name="currentPassword" type="password" autoComplete="current-password" required error={errors.currentPassword} />
      <Field label="Nouveau mot de passe" name="newPassword" type="password" autoComplete="new-password" required hint="10 caractères au minimum ; une longue phrase est idéale." error={errors.newPassword} />
      <Field label="Confirmez le nouveau mot de passe" name="confirmPassword" type="password" autoComplete="new-password" required error={errors.confirmPassword} />
      <Button type="submit" disabled={mutation.pending}>
        Changer mon mot de passe
      </Button>
    </form>
  );
}
