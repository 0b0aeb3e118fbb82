"use client";
import { useState } from "react";
import { FormAlerts } from "@/app/_components/form-alerts";
import { Badge, Button, Field } from "@/app/_components/ui";
import { useFormMutation } from "@/app/_lib/use-form-mutation";
import { useTRPC } from "@/app/_lib/trpc";

interface DocumentType {
  id: string;
  label: string;
  required: boolean;
  archived: boolean;
}

/** One document asked for: required or optional, or no longer asked for. */
export function DocumentTypeRow({ type }: { type: DocumentType }) {
  const trpc = useTRPC();
  const update = useFormMutation(trpc.preregistration.updateDocumentType.mutationOptions());
  const change = (patch: Partial<DocumentType>) => update.submit(null, { documentTypeId: type.id, label: type.label, required: type.required, archived: type.archived, ...patch });
  return (
    <li className="flex flex-wrap items-center justify-between gap-3 py-3 text-sm">
      <span className={type.archived ? "text-slate-500 line-through" : "font-medium"}>
        {type.label} {type.archived ? <Badge>plus demandée</Badge> : type.required ? <Badge tone="warning">obligatoire</Badge> : <Badge>facultative</Badge>}
      </span>
      <span className="flex flex-wrap gap-2">
        {type.archived ? (
          <Button type="button" variant="secondary" disabled={update.pending} onClick={() => change({ archived: false })}>
            Demander à nouveau
          </Button>
        ) : (
          <>
            <Button type="button" variant="secondary" disabled={update.pending} onClick={() => change({ required: !type.required })} aria-label={`${type.required ? "Rendre facultative" : "Rendre obligatoire"} : ${type.label}`}>
              {type.required ? "Rendre facultative" : "Rendre obligatoire"}
            </Button>
            <Button type="button" variant="secondary" disabled={update.pending} onClick={() => change({ archived: true })} aria-label={`Ne plus demander : ${type.label}`}>
              Ne plus demander
            </Button>
          </>
        )}
      </span>
      {update.formError || update.errors.label ? <span className="w-full text-red-700">{update.formError ?? update.errors.label}</span> : null}
    </li>
  );
}

export function AddDocumentTypeForm() {
  const trpc = useTRPC();
  const [label, setLabel] = useState("");
  const [required, setRequired] = useState(false);
  const add = useFormMutation(trpc.preregistration.addDocumentType.mutationOptions(), { success: (_, v) => `« ${v.label} » est ajoutée à la liste.`, onSuccess: () => setLabel("") });
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        add.submit(event.currentTarget, { label, required });
      }}
    >
      <FormAlerts success={add.success} formError={add.formError} />
      <Field id="piece-libelle" label="Libellé" name="label" hint="ex. : Jugement de garde, le cas échéant" value={label} onChange={(e) => setLabel(e.target.value)} error={add.errors.label} />
      <label className="mb-4 flex min-h-11 items-center gap-2 text-sm">
        <input type="checkbox" className="size-4" checked={required} onChange={(e) => setRequired(e.target.checked)} />
        Obligatoire
      </label>
      <Button type="submit" disabled={add.pending}>
        Ajouter la pièce
      </Button>
    </form>
  );
}
