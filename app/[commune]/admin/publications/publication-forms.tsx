"use client";
import { useState } from "react";
import { ConfirmButton } from "@/app/_components/confirm-dialog";
import { FileField } from "@/app/_components/file-field";
import { FormAlerts } from "@/app/_components/form-alerts";
import { Button, ErrorText, Field, SelectField } from "@/app/_components/ui";
import { readAttachments } from "@/app/_components/requests/files";
import { useFormMutation } from "@/app/_lib/use-form-mutation";
import { useTRPC } from "@/app/_lib/trpc";
import { messages } from "@/common/messages";

function TextArea({ id, name, label, rows = 4, defaultValue, error, maxLength }: { id: string; name: string; label: string; rows?: number; defaultValue?: string; error?: string; maxLength: number }) {
  return (
    <div className="mb-4">
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-800">
        {label}
      </label>
      <textarea
        id={id}
        name={name}
        rows={rows}
        maxLength={maxLength}
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-erreur` : undefined}
        className="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-base"
      />
      <ErrorText id={`${id}-erreur`} error={error} />
    </div>
  );
}

/** « 2026-12-01T08:00 » typed in the commune's clock → an instant (the browser's zone is the commune's for its staff). */
const instant = (value: string) => (value ? new Date(value) : undefined);

export function NewsForm() {
  const trpc = useTRPC();
  const save = useFormMutation(trpc.publications.saveNews.mutationOptions(), { success: "Actualité enregistrée.", resetForm: true });
  return (
    <form
      noValidate
      aria-label="Publier une actualité"
      onSubmit={(e) => {
        e.preventDefault();
        const d = new FormData(e.currentTarget);
        const get = (k: string) => String(d.get(k) ?? "");
        save.submit(e.currentTarget, { title: get("title"), body: get("body"), publishFrom: instant(get("publishFrom")), publishUntil: instant(get("publishUntil")) ?? null });
      }}
    >
      <FormAlerts success={save.success} formError={save.formError} />
      <Field id="actu-titre" name="title" label="Titre" maxLength={200} error={save.errors.title} />
      <TextArea id="actu-texte" name="body" label="Texte" maxLength={5000} error={save.errors.body} />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <Field id="actu-debut" name="publishFrom" type="datetime-local" label="Publier à partir du (facultatif)" hint="Vide : tout de suite." error={save.errors.publishFrom} />
        <Field id="actu-fin" name="publishUntil" type="datetime-local" label="Retirer le (facultatif)" error={save.errors.publishUntil} />
      </div>
      <Button type="submit" disabled={save.pending}>
        Publier
      </Button>
    </form>
  );
}

export function DeleteNewsButton({ newsId, title }: { newsId: string; title: string }) {
  const trpc = useTRPC();
  const remove = useFormMutation(trpc.publications.deleteNews.mutationOptions());
  return (
    <ConfirmButton
      variant="secondary"
      confirm={{ title: `Supprimer « ${title} » ?`, text: "Elle ne sera plus visible des familles.", confirmLabel: "Supprimer", danger: true }}
      onConfirm={() => remove.submit(null, { newsId })}
    >
      Supprimer
    </ConfirmButton>
  );
}

export function DocumentForm() {
  const trpc = useTRPC();
  const [fileError, setFileError] = useState<string | null>(null);
  const publish = useFormMutation(trpc.publications.publishDocument.mutationOptions(), { success: "Document publié.", resetForm: true });
  return (
    <form
      noValidate
      aria-label="Publier un document"
      onSubmit={async (e) => {
        e.preventDefault();
        const form = e.currentTarget;
        setFileError(null);
        const d = new FormData(form);
        const read = await readAttachments([d.get("file")].filter((f): f is File => f instanceof File));
        if ("error" in read) return setFileError(read.error);
        if (!read.files[0]) return setFileError("Fichier : choisissez un fichier PDF, JPEG ou PNG.");
        publish.submit(form, { title: String(d.get("title") ?? ""), category: String(d.get("category")) as "menu", file: read.files[0] });
      }}
    >
      <FormAlerts success={publish.success} formError={publish.formError} />
      <Field id="doc-titre" name="title" label="Titre" maxLength={200} error={publish.errors.title} />
      <SelectField id="doc-categorie" name="category" label="Type" options={Object.entries(messages.demandes.publications.documentCategories)} />
      <FileField label="Fichier" name="file" id="doc-fichier" accept="application/pdf,image/jpeg,image/png" hint="PDF, JPEG ou PNG, 700 Ko au maximum." error={fileError ?? publish.errors.file} />
      <Button type="submit" disabled={publish.pending}>
        Publier le document
      </Button>
    </form>
  );
}

export function WithdrawDocumentButton({ documentId, title }: { documentId: string; title: string }) {
  const trpc = useTRPC();
  const withdraw = useFormMutation(trpc.publications.withdrawDocument.mutationOptions());
  return (
    <ConfirmButton
      variant="secondary"
      confirm={{ title: `Retirer « ${title} » ?`, text: "Le document ne sera plus téléchargeable.", confirmLabel: "Retirer", danger: true }}
      onConfirm={() => withdraw.submit(null, { documentId })}
    >
      Retirer
    </ConfirmButton>
  );
}

export function ProfileForm({ presentation, openingHours }: { presentation: string; openingHours: string }) {
  const trpc = useTRPC();
  const save = useFormMutation(trpc.publications.saveProfile.mutationOptions(), { success: "Page publique mise à jour." });
  return (
    <form
      noValidate
      aria-label="Page publique de la commune"
      onSubmit={(e) => {
        e.preventDefault();
        const d = new FormData(e.currentTarget);
        save.submit(e.currentTarget, { presentation: String(d.get("presentation") ?? ""), openingHours: String(d.get("openingHours") ?? "") });
      }}
    >
      <FormAlerts success={save.success} formError={save.formError} />
      <TextArea id="presentation" name="presentation" label="Présentation du service" maxLength={2000} defaultValue={presentation} error={save.errors.presentation} />
      <TextArea id="horaires" name="openingHours" label="Horaires d'ouverture de l'accueil" rows={3} maxLength={1000} defaultValue={openingHours} error={save.errors.openingHours} />
      <Button type="submit" disabled={save.pending}>
        Enregistrer
      </Button>
    </form>
  );
}
