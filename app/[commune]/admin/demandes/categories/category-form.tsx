"use client";
import { FormAlerts } from "@/app/_components/form-alerts";
import { Button, ErrorText, Field, SelectField } from "@/app/_components/ui";
import { useFormMutation } from "@/app/_lib/use-form-mutation";
import { useTRPC } from "@/app/_lib/trpc";
import type { RequestCategory } from "@/server/domain/requests/categories";

/**
 * One category's settings: name, description, documents required (one per line), who handles it, the
 * target time, archived. Its form's fields are kept as they are (the starter set's, or set by support).
 */
export function CategoryForm({ category }: { category: RequestCategory }) {
  const trpc = useTRPC();
  const save = useFormMutation(trpc.requests.saveCategory.mutationOptions(), { success: "Catégorie enregistrée." });
  const id = (name: string) => `${name}-${category.id}`;
  const e = save.errors;
  return (
    <form
      noValidate
      aria-label={`Catégorie ${category.name}`}
      onSubmit={(event) => {
        event.preventDefault();
        const d = new FormData(event.currentTarget);
        const get = (k: string) => String(d.get(k) ?? "");
        const days = get("targetDays").trim();
        save.submit(event.currentTarget, {
          categoryId: category.id,
          name: get("name"),
          kind: category.kind,
          description: get("description"),
          fields: category.fields,
          requiredAttachments: get("requiredAttachments")
            .split("\n")
            .map((l) => l.trim())
            .filter(Boolean),
          handledBy: get("handledBy") as "admin" | "agent",
          targetDays: days ? Number(days) : null,
          archived: d.get("archived") === "on",
        });
      }}
    >
      <FormAlerts success={save.success} formError={save.formError} />
      <Field id={id("nom")} name="name" label="Nom" defaultValue={category.name} maxLength={120} error={e.name} />
      <div className="mb-4">
        <label htmlFor={id("description")} className="mb-1 block text-sm font-medium text-slate-800">
          Description (lue par les familles)
        </label>
        <textarea id={id("description")} name="description" rows={2} maxLength={1000} defaultValue={category.description} className="block w-full rounded-lg border border-slate-500 bg-white px-3 py-2 text-base" />
        <ErrorText id={`${id("description")}-erreur`} error={e.description} />
      </div>
      <div className="mb-4">
        <label htmlFor={id("pieces")} className="mb-1 block text-sm font-medium text-slate-800">
          Pièces à joindre (une par ligne)
        </label>
        <textarea id={id("pieces")} name="requiredAttachments" rows={2} defaultValue={category.requiredAttachments.join("\n")} className="block w-full rounded-lg border border-slate-500 bg-white px-3 py-2 text-base" />
        <ErrorText id={`${id("pieces")}-erreur`} error={e.requiredAttachments} />
      </div>
      <div className="grid gap-x-4 sm:grid-cols-2">
        <SelectField
          id={id("traitement")}
          name="handledBy"
          label="Traitée par"
          defaultValue={category.handledBy}
          options={[
            ["agent", "L'accueil (guichet unique) et les administrateurs"],
            ["admin", "Les administrateurs seulement"],
          ]}
        />
        <Field id={id("delai")} name="targetDays" type="number" min={1} max={365} label="Délai de réponse visé (jours)" hint="Vide : pas de délai." defaultValue={category.targetDays ?? ""} error={e.targetDays} />
      </div>
      <label className="mb-4 flex min-h-11 items-center gap-2 text-sm">
        <input type="checkbox" name="archived" defaultChecked={category.archived} className="size-4" />
        Archivée (les familles ne peuvent plus la choisir)
      </label>
      <p className="mb-4 text-sm text-slate-600">Champs du formulaire : {category.fields.map((f) => f.label).join(", ") || "aucun"}.</p>
      <Button type="submit" variant="secondary" disabled={save.pending}>
        Enregistrer
      </Button>
    </form>
  );
}
