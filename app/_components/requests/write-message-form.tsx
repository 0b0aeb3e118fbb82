"use client";
import { FormAlerts } from "@/app/_components/form-alerts";
import { Button, ErrorText, Field, SelectField } from "@/app/_components/ui";
import { useFormMutation } from "@/app/_lib/use-form-mutation";
import { useTRPC } from "@/app/_lib/trpc";
import { useState } from "react";

function Body({ id, error }: { id: string; error?: string }) {
  return (
    <div className="mb-4">
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-800">
        Message
      </label>
      <textarea
        id={id}
        name="body"
        rows={5}
        maxLength={5000}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-erreur` : undefined}
        className="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-base"
      />
      <ErrorText id={`${id}-erreur`} error={error} />
    </div>
  );
}

/** A family writes to its commune. */
export function FamilyMessageForm() {
  const trpc = useTRPC();
  const write = useFormMutation(trpc.messages.write.mutationOptions(), { success: "Message envoyé à la mairie.", resetForm: true });
  return (
    <form
      noValidate
      aria-label="Écrire à la mairie"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        write.submit(e.currentTarget, { subject: String(data.get("subject") ?? ""), body: String(data.get("body") ?? "") });
      }}
    >
      <FormAlerts success={write.success} formError={write.formError} />
      <Field id="objet-famille" name="subject" label="Objet" maxLength={200} error={write.errors.subject} />
      <Body id="message-famille" error={write.errors.body} />
      <Button type="submit" disabled={write.pending}>
        Envoyer
      </Button>
    </form>
  );
}

type Option = readonly [string, string];

/** Staff write to one family, or to every family of an activity or a site. */
export function StaffMessageForm({ households, activities, sites }: { households: Option[]; activities: Option[]; sites: Option[] }) {
  const trpc = useTRPC();
  const [to, setTo] = useState<"householdId" | "activityId" | "siteId">("activityId");
  const send = useFormMutation(trpc.messages.send.mutationOptions(), { success: (data) => data.message, resetForm: true });
  const choices = { householdId: households, activityId: activities, siteId: sites }[to];
  return (
    <form
      noValidate
      aria-label="Écrire aux familles"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        const target = String(data.get("target") ?? "");
        const audience = to === "householdId" ? { householdId: target } : to === "activityId" ? { activityId: target } : { siteId: target };
        send.submit(e.currentTarget, { audience, subject: String(data.get("subject") ?? ""), body: String(data.get("body") ?? "") });
      }}
    >
      <FormAlerts success={send.success} formError={send.formError} />
      <SelectField
        id="destinataires"
        label="Destinataires"
        value={to}
        onChange={(e) => setTo(e.target.value as typeof to)}
        options={[
          ["activityId", "Toutes les familles d'une activité"],
          ["siteId", "Toutes les familles d'un site"],
          ["householdId", "Une famille"],
        ]}
        error={send.errors.audience}
      />
      <SelectField key={to} id="cible" name="target" label={to === "householdId" ? "Famille" : to === "activityId" ? "Activité" : "Site"} options={choices} />
      <Field id="objet" name="subject" label="Objet" maxLength={200} error={send.errors.subject} />
      <Body id="message-familles" error={send.errors.body} />
      <Button type="submit" disabled={send.pending}>
        Envoyer
      </Button>
    </form>
  );
}
