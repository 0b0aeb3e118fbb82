"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { Alert, Badge, Button, Field } from "@/app/_components/ui";
import { fieldErrors, formError, formValues } from "@/app/_lib/form-errors";
import { useTRPC } from "@/app/_lib/trpc";

export interface SiteRow {
  id: string;
  name: string;
  address: string;
  archived: boolean;
  activeActivities: number;
}

/** Creates a site (no `site`) or renames one / changes its address. */
export function SiteForm({ site, onDone, onCancel }: { site?: SiteRow; onDone?: () => void; onCancel?: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const prefix = useId().replace(/:/g, "");
  const [added, setAdded] = useState<string | null>(null);
  const create = useMutation(trpc.activities.createSite.mutationOptions());
  const update = useMutation(trpc.activities.updateSite.mutationOptions());
  const mutation = site ? update : create;
  const errors = fieldErrors(mutation.error);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const v = formValues(form);
        const input = { name: v.name ?? "", address: v.address ?? "" };
        setAdded(null);
        const onSuccess = (saved: { name: string }) => {
          if (!site) {
            setAdded(`Site « ${saved.name} » créé.`);
            form.reset();
          }
          router.refresh();
          onDone?.();
        };
        if (site) update.mutate({ ...input, siteId: site.id }, { onSuccess });
        else create.mutate(input, { onSuccess });
      }}
    >
      {added ? <Alert tone="success">{added}</Alert> : null}
      {formError(mutation.error) ? <Alert tone="error">{formError(mutation.error)}</Alert> : null}
      <div className="grid grid-cols-1 gap-x-4 sm:grid-cols-2">
        <Field
          id={`${prefix}-nom`}
          label="Nom du site"
          name="name"
          required
          defaultValue={site?.name}
          hint="ex. : Cantine Les Lutins Gourmands, Accueil de loisirs Jules Verne"
          error={errors.name}
        />
        <Field
          id={`${prefix}-adresse`}
          label="Adresse"
          name="address"
          defaultValue={site?.address}
          autoComplete="street-address"
          error={errors.address}
        />
      </div>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={mutation.isPending}>
          {site ? "Enregistrer" : "Créer le site"}
        </Button>
        {onCancel ? (
          <Button type="button" variant="secondary" onClick={onCancel}>
            Annuler
          </Button>
        ) : null}
      </div>
    </form>
  );
}

function ArchiveSiteButton({ site }: { site: SiteRow }) {
  const trpc = useTRPC();
  const router = useRouter();
  const mutation = useMutation(trpc.activities.archiveSite.mutationOptions());
  return (
    <span className="inline-flex flex-wrap items-center justify-end gap-2">
      <Button
        type="button"
        variant="secondary"
        className="min-h-9 px-3 py-1"
        disabled={mutation.isPending}
        onClick={() => mutation.mutate({ siteId: site.id, archived: !site.archived }, { onSuccess: () => router.refresh() })}
      >
        {site.archived ? "Réactiver" : "Archiver"}
        <span className="sr-only"> « {site.name} »</span>
      </Button>
      {mutation.error ? (
        <span role="alert" className="w-full text-sm text-red-700">
          {mutation.error.message}
        </span>
      ) : null}
    </span>
  );
}

/** The commune's sites: name, address, live activities; rename, archive or bring back. */
export function SitesTable({ sites, canEdit }: { sites: SiteRow[]; canEdit: boolean }) {
  const [editing, setEditing] = useState<string | null>(null);
  const columns = canEdit ? 3 : 2;
  return (
    <div className="relative overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Sites de la commune</caption>
        <thead className="border-b border-slate-200 text-slate-600">
          <tr>
            <th scope="col" className="py-2 pr-4 font-medium">
              Site et adresse
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              Activités en cours
            </th>
            {canEdit ? (
              <th scope="col" className="py-2 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {sites.map((s) => (
            <SiteRowView key={s.id} site={s} canEdit={canEdit} editing={editing === s.id} columns={columns} onEdit={setEditing} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SiteRowView({
  site: s,
  canEdit,
  editing,
  columns,
  onEdit,
}: {
  site: SiteRow;
  canEdit: boolean;
  editing: boolean;
  columns: number;
  onEdit: (id: string | null) => void;
}) {
  const editButton = useRef<HTMLButtonElement>(null);
  const close = () => {
    onEdit(null);
    requestAnimationFrame(() => editButton.current?.focus());
  };
  return (
    <>
      <tr className={s.archived ? "text-slate-500" : undefined}>
        <th scope="row" className="py-3 pr-4 font-medium text-slate-900">
          {s.name}
          {s.archived ? (
            <span className="ml-2">
              <Badge>Archivé</Badge>
            </span>
          ) : null}
          <span className="block font-normal text-slate-600">{s.address || "Adresse non renseignée"}</span>
        </th>
        <td className="py-3 pr-4">{s.activeActivities}</td>
        {canEdit ? (
          <td className="py-3">
            <div className="flex flex-wrap justify-end gap-2">
              <Button
                ref={editButton}
                type="button"
                variant="secondary"
                className="min-h-9 px-3 py-1"
                aria-expanded={editing}
                onClick={() => onEdit(editing ? null : s.id)}
              >
                Modifier<span className="sr-only"> « {s.name} »</span>
              </Button>
              <ArchiveSiteButton site={s} />
            </div>
          </td>
        ) : null}
      </tr>
      {editing ? (
        <tr>
          <td colSpan={columns} className="bg-slate-50 px-3 pt-4 pb-2">
            <SiteForm site={s} onDone={close} onCancel={close} />
          </td>
        </tr>
      ) : null}
    </>
  );
}
