"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { AttachmentsField } from "@/app/_components/requests/attachments-field";
import { readAttachments } from "@/app/_components/requests/files";
import { FormAlerts } from "@/app/_components/form-alerts";
import { Button, ErrorText, Field, SelectField } from "@/app/_components/ui";
import { useFormMutation } from "@/app/_lib/use-form-mutation";
import { useTRPC } from "@/app/_lib/trpc";
import type { RequestCategory } from "@/server/domain/requests/categories";

type Category = Pick<RequestCategory, "id" | "name" | "kind" | "description" | "fields" | "requiredAttachments" | "targetDays">;

/**
 * « Nouvelle demande »: the category chosen first, then its own fields, the documents it requires and
 * an optional message. A contestation names the invoice (preselected from the invoice's page).
 */
export function RequestForm({
  commune,
  categories,
  invoices,
  initialCategoryId,
  initialInvoiceId,
  initialText,
}: {
  commune: string;
  categories: Category[];
  invoices: { id: string; label: string }[];
  initialCategoryId?: string;
  initialInvoiceId?: string;
  /** Prefills the preselected category's first text area (what the family contests). */
  initialText?: string;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [categoryId, setCategoryId] = useState(initialCategoryId ?? categories[0]?.id ?? "");
  const [fileError, setFileError] = useState<string | null>(null);
  const submit = useFormMutation(trpc.requests.submit.mutationOptions(), {
    refresh: false,
    onSuccess: (data) => router.push(`/${commune}/demandes/${data.requestId}?envoyee=1`),
  });
  const category = categories.find((c) => c.id === categoryId);
  const errors = submit.errors;
  return (
    <form
      noValidate
      aria-label="Nouvelle demande"
      onSubmit={async (event) => {
        event.preventDefault();
        const form = event.currentTarget;
        setFileError(null);
        const data = new FormData(form);
        const read = await readAttachments(data.getAll("attachments").filter((f): f is File => f instanceof File));
        if ("error" in read) return setFileError(read.error);
        const fields = Object.fromEntries((category?.fields ?? []).map((f) => [f.key, String(data.get(`field-${f.key}`) ?? "")]));
        submit.submit(form, {
          categoryId,
          fields,
          invoiceId: category?.kind === "invoice_dispute" ? String(data.get("invoiceId") ?? "") || null : null,
          message: String(data.get("message") ?? ""),
          attachments: read.files,
        });
      }}
    >
      <FormAlerts success={submit.success} formError={submit.formError} />
      <SelectField
        id="categorie"
        name="categoryId"
        label="Objet de la demande"
        value={categoryId}
        onChange={(e) => setCategoryId(e.target.value)}
        options={categories.map((c) => [c.id, c.name] as const)}
        error={errors.categoryId}
      />
      {category?.description ? <p className="-mt-2 mb-4 text-sm text-slate-600">{category.description}</p> : null}
      {category?.kind === "invoice_dispute" ? (
        <SelectField
          id="facture"
          name="invoiceId"
          label="Facture contestée"
          defaultValue={initialInvoiceId ?? ""}
          options={[["", "Choisissez la facture"], ...invoices.map((i) => [i.id, i.label] as const)]}
          error={errors.invoiceId}
        />
      ) : null}
      {category?.fields.map((f, index) => {
        const prefill = initialText && category.id === initialCategoryId && index === category.fields.findIndex((x) => x.type === "textarea") ? initialText : undefined;
        const id = `champ-${category.id}-${f.key}`;
        const label = f.required ? f.label : `${f.label} (facultatif)`;
        const error = errors[`fields.${f.key}`];
        if (f.type === "textarea") {
          return (
            <div key={id} className="mb-4">
              <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-800">
                {label}
              </label>
              <textarea
                id={id}
                name={`field-${f.key}`}
                rows={4}
                maxLength={2000}
                defaultValue={prefill}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${id}-erreur` : undefined}
                className="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-base"
              />
              <ErrorText id={`${id}-erreur`} error={error} />
            </div>
          );
        }
        return <Field key={id} id={id} name={`field-${f.key}`} label={label} type={f.type === "date" ? "date" : "text"} maxLength={2000} error={error} />;
      })}
      <AttachmentsField
        id="pieces-jointes"
        label={category?.requiredAttachments.length ? `Pièces jointes : ${category.requiredAttachments.join(", ")}` : "Pièces jointes (facultatif)"}
        error={fileError ?? errors.attachments}
      />
      <div className="mb-4">
        <label htmlFor="message" className="mb-1 block text-sm font-medium text-slate-800">
          Message (facultatif)
        </label>
        <textarea id="message" name="message" rows={3} maxLength={5000} className="block w-full rounded-lg border border-slate-500 bg-white px-3 py-2 text-base" />
      </div>
      {category?.targetDays ? <p className="mb-4 text-sm text-slate-600">Réponse habituelle sous {category.targetDays} jours.</p> : null}
      <Button type="submit" disabled={submit.pending}>
        {submit.pending ? "Envoi…" : "Envoyer la demande"}
      </Button>
    </form>
  );
}
