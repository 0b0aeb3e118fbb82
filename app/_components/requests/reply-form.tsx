"use client";
import { useState } from "react";
import { FormAlerts } from "@/app/_components/form-alerts";
import { Button, SelectField } from "@/app/_components/ui";
import { useFormMutation } from "@/app/_lib/use-form-mutation";
import { useTRPC } from "@/app/_lib/trpc";
import { AttachmentsField } from "./attachments-field";
import { readAttachments } from "./files";

/** A message (and files) in a request's thread: the family's reply, or the staff's answer with what it waits for next. */
export function ReplyForm({ requestId, side }: { requestId: string; side: "family" | "staff" }) {
  const trpc = useTRPC();
  const [fileError, setFileError] = useState<string | null>(null);
  const family = useFormMutation(trpc.requests.reply.mutationOptions(), { success: "Message envoyé.", resetForm: true });
  const staff = useFormMutation(trpc.requests.answer.mutationOptions(), { success: "Réponse envoyée : la famille est prévenue par e-mail.", resetForm: true });
  const active = side === "family" ? family : staff;
  const errors = active.errors;
  return (
    <form
      noValidate
      aria-label={side === "family" ? "Répondre" : "Répondre à la famille"}
      onSubmit={async (event) => {
        event.preventDefault();
        const form = event.currentTarget;
        setFileError(null);
        const data = new FormData(form);
        const read = await readAttachments(data.getAll("attachments").filter((f): f is File => f instanceof File));
        if ("error" in read) return setFileError(read.error);
        const body = String(data.get("body") ?? "");
        if (side === "family") family.submit(form, { requestId, body, attachments: read.files });
        else staff.submit(form, { requestId, body, attachments: read.files, status: String(data.get("status")) as "in_progress" | "awaiting_family" });
      }}
    >
      <FormAlerts success={active.success} formError={active.formError} />
      <div className="mb-4">
        <label htmlFor={`reponse-${requestId}`} className="mb-1 block text-sm font-medium text-slate-800">
          Message
        </label>
        <textarea
          id={`reponse-${requestId}`}
          name="body"
          rows={4}
          maxLength={5000}
          aria-invalid={errors.body ? true : undefined}
          aria-describedby={errors.body ? `reponse-${requestId}-erreur` : undefined}
          className="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-base"
        />
        {errors.body ? (
          <p id={`reponse-${requestId}-erreur`} className="mt-1 text-sm text-red-700">
            {errors.body}
          </p>
        ) : null}
      </div>
      <AttachmentsField id={`pj-${requestId}`} error={fileError ?? errors.attachments} />
      {side === "staff" ? (
        <SelectField
          id={`suite-${requestId}`}
          name="status"
          label="Ensuite"
          defaultValue="awaiting_family"
          options={[
            ["awaiting_family", "J'attends une réponse de la famille"],
            ["in_progress", "La mairie poursuit le traitement"],
          ]}
        />
      ) : null}
      <Button type="submit" disabled={active.pending}>
        {active.pending ? "Envoi…" : "Envoyer"}
      </Button>
    </form>
  );
}
