"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FileField } from "@/app/_components/file-field";
import { Alert, Button } from "@/app/_components/ui";
import { fieldErrors, formError } from "@/app/_lib/form-errors";
import { useTRPC } from "@/app/_lib/trpc";
import { messages } from "@/common/messages";

const MAX_BYTES = 2 * 1024 * 1024;
const TYPES = ["application/pdf", "image/jpeg", "image/png"];

/** The file's content in base64, read in the browser. */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*;base64,/, ""));
    reader.onerror = () => reject(reader.error ?? new Error("lecture impossible"));
    reader.readAsDataURL(file);
  });
}

export function AbsenceReportForm({ bookingId, label }: { bookingId: string; label: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [fileError, setFileError] = useState<string | null>(null);
  const mutation = useMutation({ ...trpc.absences.report.mutationOptions(), onSuccess: () => router.refresh() });
  const errors = fieldErrors(mutation.error);
  const id = (name: string) => `${name}-${bookingId}`;

  if (mutation.isSuccess) return <Alert tone="success">Absence signalée : la mairie va l&apos;examiner.</Alert>;
  if (!open) {
    return (
      <Button variant="secondary" onClick={() => setOpen(true)} aria-label={`Signaler une absence : ${label}`}>
        Signaler une absence
      </Button>
    );
  }
  const certificateError = fileError ?? errors.certificate ?? errors["certificate.base64"];
  return (
    <form
      noValidate
      className="mt-2 w-full rounded-lg border border-slate-200 bg-slate-50 p-4"
      aria-label={`Signaler une absence : ${label}`}
      onSubmit={async (event) => {
        event.preventDefault();
        setFileError(null);
        const data = new FormData(event.currentTarget);
        const file = data.get("certificate");
        let certificate = null;
        if (file instanceof File && file.size > 0) {
          // Checked again by the server; here only to spare a long upload.
          if (!TYPES.includes(file.type)) return setFileError(messages.absences.certificate.type);
          if (file.size > MAX_BYTES) return setFileError(messages.absences.certificate.size);
          try {
            certificate = { name: file.name, type: file.type, base64: await readBase64(file) };
          } catch {
            return setFileError(messages.absences.certificate.empty);
          }
        }
        mutation.mutate({
          bookingId,
          reason: String(data.get("reason")) as "illness" | "family" | "other",
          comment: String(data.get("comment") ?? ""),
          certificate,
        });
      }}
    >
      {formError(mutation.error) ? <Alert tone="error">{formError(mutation.error)}</Alert> : null}
      {errors.bookingId ? <Alert tone="error">{errors.bookingId}</Alert> : null}
      <div className="mb-4">
        <label htmlFor={id("motif")} className="mb-1 block text-sm font-medium">
          Motif
        </label>
        <select id={id("motif")} name="reason" defaultValue="illness" className="block min-h-11 w-full rounded-lg border border-slate-500 bg-white px-3 text-base">
          {Object.entries(messages.absences.reasons).map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
        {errors.reason ? <p className="mt-1 text-sm text-red-700">{errors.reason}</p> : null}
      </div>
      <div className="mb-4">
        <label htmlFor={id("commentaire")} className="mb-1 block text-sm font-medium">
          Commentaire (facultatif)
        </label>
        <textarea
          id={id("commentaire")}
          name="comment"
          maxLength={1000}
          rows={3}
          aria-invalid={errors.comment ? true : undefined}
          aria-describedby={errors.comment ? id("commentaire-erreur") : undefined}
          className="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-base"
        />
        {errors.comment ? (
          <p id={id("commentaire-erreur")} className="mt-1 text-sm text-red-700">
            {errors.comment}
          </p>
        ) : null}
      </div>
      <FileField
        id={id("certificat")}
        label="Certificat médical (facultatif)"
        name="certificate"
        accept="application/pdf,image/jpeg,image/png"
        hint="PDF, JPEG ou PNG, 2 Mo au maximum."
        error={certificateError ?? undefined}
      />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? "Envoi…" : "Envoyer le signalement"}
        </Button>
        <Button type="button" variant="secondary" onClick={() => setOpen(false)}>
          Annuler
        </Button>
      </div>
    </form>
  );
}
