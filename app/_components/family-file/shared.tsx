"use client";
import { useParams } from "next/navigation";
import { useState, type FormEvent, type ReactNode } from "react";
import { FileField } from "@/app/_components/file-field";
import { FormAlerts } from "@/app/_components/form-alerts";
import { Button } from "@/app/_components/ui";
import { useTRPC } from "@/app/_lib/trpc";
import { useFormMutation } from "@/app/_lib/use-form-mutation";
import { DOCUMENT_MAX_BYTES, type DocumentKind, type FileChangeForm } from "@/common/family-file";
import { messages } from "@/common/messages";

/** Who edits: the family (changes may wait for the town hall) or the front desk (applied at once). */
export type EditMode = "parent" | "staff";

const saidOf = (status: "applied" | "pending") =>
  status === "pending" ? "Envoyé à la mairie : la modification est en attente de validation." : "Modification enregistrée.";

/** The change procedure of the caller's side, behind a form. */
export function useChange(mode: EditMode) {
  const trpc = useTRPC();
  const options = mode === "staff" ? trpc.familyFiles.change.mutationOptions() : trpc.familyFile.change.mutationOptions();
  return useFormMutation(options as ReturnType<typeof trpc.familyFile.change.mutationOptions>, { success: (r) => saidOf(r.status), under: "value" });
}

/** A section's form: its fields, its messages and one save button. */
export function SectionForm({
  mode,
  title,
  build,
  children,
  submitLabel = "Enregistrer",
}: {
  mode: EditMode;
  title?: string;
  /** The change to send, from the form's current values. */
  build: (form: HTMLFormElement) => FileChangeForm;
  children: (errors: Record<string, string>) => ReactNode;
  submitLabel?: string;
}) {
  const change = useChange(mode);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    change.submit(event.currentTarget, build(event.currentTarget) as never);
  };
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-1">
      {title ? <h3 className="mb-2 text-base font-semibold text-slate-900">{title}</h3> : null}
      <FormAlerts success={change.success} formError={change.formError} />
      {children(change.errors)}
      <div>
        <Button type="submit" disabled={change.pending}>
          {change.pending ? "Envoi…" : submitLabel}
        </Button>
      </div>
    </form>
  );
}

/** The text of a named field of the form. */
export const valueOf = (form: HTMLFormElement, name: string) => String(new FormData(form).get(name) ?? "").trim();
export const checked = (form: HTMLFormElement, name: string) => new FormData(form).get(name) === "on";

/** What the upload route answers (server/family-file-files.ts). */
type UploadAnswer = { fileId?: string; name?: string; message?: string };

/**
 * A document (PDF, JPEG, PNG; 5 Mo) sent as soon as it is chosen, as the body of its own route
 * (not through tRPC, whose requests are small); the section's form then names it by the id the
 * server gave. `current` says whether one is on file already.
 */
export function DocumentField({
  householdId,
  kind,
  label,
  name,
  current,
  onUploaded,
  error,
}: {
  householdId: string;
  kind: DocumentKind;
  label: string;
  name: string;
  current: boolean;
  onUploaded: (fileId: string) => void;
  error?: string;
}) {
  const { commune } = useParams<{ commune: string }>();
  const [pending, setPending] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const send = async (file: File) => {
    setPending(true);
    try {
      const response = await fetch(`/api/dossier/${commune}/${householdId}/pieces/${kind}`, {
        method: "POST",
        body: file,
        headers: { "content-type": file.type || "application/octet-stream", "x-file-name": encodeURIComponent(file.name) },
      });
      const answer = (await response.json().catch(() => ({}))) as UploadAnswer;
      if (!response.ok || !answer.fileId) return setUploadError(answer.message ?? messages.familyFile.document.failed);
      setDone(answer.name ?? file.name);
      onUploaded(answer.fileId);
    } catch {
      setUploadError(messages.familyFile.document.failed);
    } finally {
      setPending(false);
    }
  };
  return (
    <div>
      <FileField
        label={label}
        name={name}
        accept="application/pdf,image/jpeg,image/png"
        hint={`PDF, JPEG ou PNG, 5 Mo au plus.${current ? " Un document est déjà au dossier : en choisir un autre le remplace." : ""}`}
        error={uploadError ?? error}
        disabled={pending}
        onChange={(event) => {
          const file = event.target.files?.[0];
          setDone(null);
          setUploadError(null);
          if (!file) return;
          // Said before sending: a 30 Mo file is not sent at all (the route would refuse it too).
          if (file.size > DOCUMENT_MAX_BYTES) return setUploadError(messages.familyFile.document.size);
          void send(file);
        }}
      />
      {pending ? <p className="-mt-3 mb-3 text-sm text-slate-700">Envoi du document…</p> : null}
      {done ? <p className="-mt-3 mb-3 text-sm text-emerald-800">Document « {done} » prêt : enregistrez pour le joindre.</p> : null}
    </div>
  );
}

/** One yes/no question as a checkbox with its label. */
export function Check({ name, label, defaultChecked, hint }: { name: string; label: string; defaultChecked: boolean; hint?: string }) {
  return (
    <label className="mb-3 flex min-h-11 items-start gap-3 text-sm text-slate-800">
      <input type="checkbox" name={name} defaultChecked={defaultChecked} className="mt-1 size-5 shrink-0" />
      <span>
        <span className="font-medium">{label}</span>
        {hint ? <span className="block text-xs text-slate-600">{hint}</span> : null}
      </span>
    </label>
  );
}
