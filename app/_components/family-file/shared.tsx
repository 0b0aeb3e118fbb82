"use client";
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent, type ReactNode } from "react";
import { FileField } from "@/app/_components/file-field";
import { FormAlerts } from "@/app/_components/form-alerts";
import { Button } from "@/app/_components/ui";
import { fieldErrors } from "@/app/_lib/form-errors";
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

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*;base64,/, ""));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/**
 * A document (PDF, JPEG, PNG; 700 Ko) sent as soon as it is chosen; the section's form then names it
 * by the id the server gave. `current` says whether one is on file already.
 */
export function DocumentField({
  mode,
  householdId,
  kind,
  label,
  name,
  current,
  onUploaded,
  error,
}: {
  mode: EditMode;
  householdId: string;
  kind: DocumentKind;
  label: string;
  name: string;
  current: boolean;
  onUploaded: (fileId: string) => void;
  error?: string;
}) {
  const trpc = useTRPC();
  const options = mode === "staff" ? trpc.familyFiles.uploadDocument.mutationOptions() : trpc.familyFile.uploadDocument.mutationOptions();
  const upload = useMutation(options as ReturnType<typeof trpc.familyFile.uploadDocument.mutationOptions>);
  const [done, setDone] = useState<string | null>(null);
  const [tooLarge, setTooLarge] = useState(false);
  const uploadError = tooLarge ? messages.familyFile.document.size : (fieldErrors(upload.error, "document").base64 ?? fieldErrors(upload.error).document ?? upload.error?.message);
  return (
    <div>
      <FileField
        label={label}
        name={name}
        accept="application/pdf,image/jpeg,image/png"
        hint={`PDF, JPEG ou PNG, 700 Ko au plus.${current ? " Un document est déjà au dossier : en choisir un autre le remplace." : ""}`}
        error={uploadError ?? error}
        disabled={upload.isPending}
        onChange={async (event) => {
          const file = event.target.files?.[0];
          setDone(null);
          // Said before sending: a 30 Mo file would only meet the request size limit.
          setTooLarge(Boolean(file && file.size > DOCUMENT_MAX_BYTES));
          if (!file || file.size > DOCUMENT_MAX_BYTES) return;
          const document = { name: file.name, type: file.type || "application/octet-stream", base64: await readBase64(file) };
          upload.mutate(
            { householdId, kind, document },
            {
              onSuccess: (r) => {
                setDone(r.name);
                onUploaded(r.fileId);
              },
            },
          );
        }}
      />
      {upload.isPending ? <p className="-mt-3 mb-3 text-sm text-slate-700">Envoi du document…</p> : null}
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
