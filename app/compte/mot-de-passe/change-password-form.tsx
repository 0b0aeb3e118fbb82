"use client";
import { useMutation } from "@tanstack/react-query";
import { FormAlerts } from "@/app/_components/form-alerts";
import { Alert, Button, Field } from "@/app/_components/ui";
import { formError, formValues } from "@/app/_lib/form-errors";
import { useTRPC } from "@/app/_lib/trpc";
import { useFormMutation } from "@/app/_lib/use-form-mutation";

export function ChangePasswordForm() {
  const trpc = useTRPC();
  const mutation = useFormMutation(trpc.auth.changePassword.mutationOptions(), {
    refresh: false,
    // Every session ended with the old password, this one too: sign in again with the new one.
    onSuccess: () => window.location.assign("/connexion?mot_de_passe=1"),
  });
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

/** « Se déconnecter partout »: ends every session of the account (a lost phone, a shared computer). */
export function SignOutEverywhere() {
  const trpc = useTRPC();
  const mutation = useMutation({ ...trpc.auth.signOutEverywhere.mutationOptions(), onSuccess: () => window.location.assign("/connexion?deconnecte=partout") });
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-700">Ferme votre session sur tous les appareils où vous êtes connecté, celui-ci compris.</p>
      {formError(mutation.error) ? <Alert tone="error">{formError(mutation.error)}</Alert> : null}
      <Button type="button" variant="secondary" disabled={mutation.isPending} onClick={() => mutation.mutate()}>
        Se déconnecter partout
      </Button>
    </div>
  );
}
