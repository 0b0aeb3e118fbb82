"use client";
import { FormAlerts } from "@/app/_components/form-alerts";
import { Button } from "@/app/_components/ui";
import { useTRPC } from "@/app/_lib/trpc";
import { useFormMutation } from "@/app/_lib/use-form-mutation";
import { messages } from "@/common/messages";

/** Whether each validation of the planning is confirmed by e-mail (on by default). */
export function EmailPreferencesForm({ bookingEmails }: { bookingEmails: boolean }) {
  const trpc = useTRPC();
  const save = useFormMutation(trpc.family.setEmailPreferences.mutationOptions(), { success: () => messages.everyday.preferencesSaved });
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        const form = event.currentTarget;
        save.submit(form, { bookingEmails: (form.elements.namedItem("bookingEmails") as HTMLInputElement).checked });
      }}
    >
      <FormAlerts success={save.success} formError={save.formError} />
      <label className="flex min-h-11 items-start gap-3 text-sm">
        <input type="checkbox" name="bookingEmails" defaultChecked={bookingEmails} className="mt-0.5 size-5 accent-brand-700" />
        <span>
          Recevoir un e-mail récapitulatif à chaque validation de réservations ou d&apos;annulations
          <span className="block text-slate-600">Les décisions de la mairie (inscriptions, absences) et les factures vous sont toujours envoyées.</span>
        </span>
      </label>
      <Button type="submit" className="mt-3" disabled={save.pending}>
        Enregistrer mes préférences
      </Button>
    </form>
  );
}
