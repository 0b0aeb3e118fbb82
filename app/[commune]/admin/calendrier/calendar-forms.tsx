"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TRPCClientErrorLike } from "@trpc/client";
import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { FileField } from "@/app/_components/file-field";
import { TableScroll } from "@/app/_components/table-scroll";
import { Alert, Badge, Button, Field } from "@/app/_components/ui";
import { fieldErrors, formError, formValues } from "@/app/_lib/form-errors";
import { useTRPC } from "@/app/_lib/trpc";
import { formatDate } from "@/common/dates";
import { messages } from "@/common/messages";
import type { AppRouter } from "@/server/root";
import { cancelsSomething, ClosureConfirm, type ClosureImpact } from "@/app/_components/closure-confirm";
import { useConfirm } from "@/app/_components/confirm-dialog";

export type PeriodKind = "holiday" | "closure";

interface PeriodInput {
  kind: PeriodKind;
  label: string;
  startDate: string;
  endDate: string;
}

export interface PeriodRow {
  id: string;
  kind: PeriodKind;
  label: string;
  startDate: string;
  endDate: string;
  source: "official" | "import" | "manual";
}

const kindLabels: Record<PeriodKind, string> = { holiday: "Vacances scolaires", closure: "Fermeture" };
const sourceLabels: Record<PeriodRow["source"], string> = { official: "Calendrier officiel", import: "Import", manual: "Saisie" };

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

function Select({
  label,
  name,
  id,
  options,
  defaultValue,
  error,
}: {
  label: string;
  name: string;
  id: string;
  options: [string, string][];
  defaultValue?: string;
  error?: string;
}) {
  return (
    <div className="mb-4">
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-800">
        {label}
      </label>
      <select
        id={id}
        name={name}
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-erreur` : undefined}
        className={`block min-h-11 w-full rounded-lg border bg-white px-3 py-2 text-base text-slate-900 shadow-sm ${error ? "border-red-600" : "border-slate-300"}`}
      >
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
      {error ? (
        <p id={`${id}-erreur`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/**
 * Adds a period (no `period`) or edits one. When the change would close days already booked, it
 * says how many bookings it cancels and asks first.
 */
export function PeriodForm({
  period,
  defaults,
  onDone,
  onCancel,
}: {
  period?: PeriodRow;
  defaults?: { startDate: string; endDate: string };
  onDone?: () => void;
  onCancel?: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const prefix = useId().replace(/:/g, "");
  const formRef = useRef<HTMLFormElement>(null);
  const submitRef = useRef<HTMLButtonElement>(null);
  const [added, setAdded] = useState<string | null>(null);
  const [checkError, setCheckError] = useState<TRPCClientErrorLike<AppRouter> | null>(null);
  const [checking, setChecking] = useState(false);
  const [pending, setPending] = useState<{ input: PeriodInput; impact: ClosureImpact } | null>(null);
  const add = useMutation(trpc.calendar.addPeriod.mutationOptions());
  const update = useMutation(trpc.calendar.updatePeriod.mutationOptions());
  const mutation = period ? update : add;
  const error = mutation.error ?? checkError;
  // The preview (periodImpact) is sent the period as `{ period }`: its field errors read "period.label".
  const errors = fieldErrors(error, "period");

  const save = (input: PeriodInput) => {
    const onSuccess = (saved: { cancelled: number }) => {
      setPending(null);
      if (!period) {
        setAdded(`« ${input.label.trim()} » ajouté au calendrier.${messages.calendar.cancelledNotice(saved.cancelled)}`);
        formRef.current?.reset();
      }
      router.refresh();
      onDone?.();
    };
    if (period) update.mutate({ ...input, periodId: period.id }, { onSuccess });
    else add.mutate(input, { onSuccess });
  };
  const back = () => {
    setPending(null);
    requestAnimationFrame(() => submitRef.current?.focus());
  };

  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        const v = formValues(event.currentTarget);
        const input: PeriodInput = {
          kind: v.kind === "closure" ? "closure" : "holiday",
          label: v.label ?? "",
          startDate: v.startDate ?? "",
          // A closure of one day: the end may be left empty.
          endDate: v.endDate || v.startDate || "",
        };
        setAdded(null);
        setCheckError(null);
        mutation.reset();
        setChecking(true);
        try {
          const impact = await queryClient.fetchQuery(trpc.calendar.periodImpact.queryOptions(period ? { periodId: period.id, period: input } : { period: input }, { staleTime: 0 }));
          if (cancelsSomething(impact)) setPending({ input, impact });
          else save(input);
        } catch (e) {
          setCheckError(e as TRPCClientErrorLike<AppRouter>);
        } finally {
          setChecking(false);
        }
      }}
    >
      {added ? <Alert tone="success">{added}</Alert> : null}
      {formError(error) ? <Alert tone="error">{formError(error)}</Alert> : null}
      <div className="grid gap-x-4 sm:grid-cols-2">
        <Select
          id={`${prefix}-type`}
          label="Type"
          name="kind"
          defaultValue={period?.kind ?? "closure"}
          options={[
            ["closure", "Fermeture"],
            ["holiday", "Vacances scolaires"],
          ]}
          error={errors.kind}
        />
        <Field
          id={`${prefix}-libelle`}
          label="Libellé"
          name="label"
          required
          defaultValue={period?.label}
          hint="ex. : Pont de l'Ascension, Journée pédagogique"
          error={errors.label}
        />
        <Field
          id={`${prefix}-debut`}
          label="Date de début"
          name="startDate"
          type="date"
          required
          defaultValue={period?.startDate ?? defaults?.startDate}
          error={errors.startDate}
        />
        <Field
          id={`${prefix}-fin`}
          label="Date de fin (incluse)"
          name="endDate"
          type="date"
          defaultValue={period?.endDate}
          hint={period ? undefined : "Laisser vide pour un seul jour."}
          error={errors.endDate}
        />
      </div>
      {pending ? (
        <ClosureConfirm
          impact={pending.impact}
          confirmLabel={period ? "Enregistrer et annuler ces réservations" : "Ajouter et annuler ces réservations"}
          pending={mutation.isPending}
          onConfirm={() => save(pending.input)}
          onCancel={back}
        />
      ) : (
        <div className="flex flex-wrap gap-2">
          <Button ref={submitRef} type="submit" disabled={checking || mutation.isPending}>
            {checking || mutation.isPending ? "Vérification…" : period ? "Enregistrer" : "Ajouter"}
          </Button>
          {onCancel ? (
            <Button type="button" variant="secondary" onClick={onCancel}>
              Annuler
            </Button>
          ) : null}
        </div>
      )}
    </form>
  );
}

function DeletePeriodButton({ period, onDeleted }: { period: PeriodRow; onDeleted: (text: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [confirm, dialog] = useConfirm();
  const [checkError, setCheckError] = useState<string | null>(null);
  const mutation = useMutation(trpc.calendar.deletePeriod.mutationOptions());
  const remove = () =>
    mutation.mutate(
      { periodId: period.id },
      {
        onSuccess: (r) => {
          onDeleted(`« ${period.label} » a été supprimé du calendrier.${messages.calendar.cancelledNotice(r.cancelled)}`);
          router.refresh();
        },
      },
    );
  // What the deletion would cancel is asked first, so the question can say it.
  const ask = async () => {
    setCheckError(null);
    let impact: ClosureImpact;
    try {
      impact = await queryClient.fetchQuery(trpc.calendar.periodImpact.queryOptions({ periodId: period.id }, { staleTime: 0 }));
    } catch (e) {
      setCheckError((e as Error).message);
      return;
    }
    const cancels = cancelsSomething(impact);
    const confirmed = await confirm({
      title: `Supprimer « ${period.label} » ?`,
      text: cancels ? messages.calendar.closeConfirm(impact.bookings, impact.waitlisted) : "Ces jours suivront de nouveau le calendrier habituel.",
      confirmLabel: cancels ? "Supprimer et annuler ces réservations" : "Supprimer",
      danger: true,
    });
    if (confirmed) remove();
  };
  const error = checkError ?? mutation.error?.message;
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <Button type="button" variant="secondary" className="min-h-9 px-3 py-1" disabled={mutation.isPending} onClick={ask}>
        Supprimer<span className="sr-only"> « {period.label} »</span>
      </Button>
      {error ? (
        <span role="alert" className="text-sm text-red-700">
          {error}
        </span>
      ) : null}
      {dialog}
    </span>
  );
}

/** The school year's holidays and closures, editable by an admin. */
export function PeriodsTable({ periods, canEdit, caption }: { periods: PeriodRow[]; canEdit: boolean; caption: string }) {
  const [editing, setEditing] = useState<string | null>(null);
  const [deleted, setDeleted] = useState<string | null>(null);
  const status = useRef<HTMLDivElement>(null);
  const columns = canEdit ? 4 : 3;
  const onDeleted = (text: string) => {
    setDeleted(text);
    // The row and its buttons go away: keep the keyboard focus on the page.
    requestAnimationFrame(() => status.current?.focus());
  };
  return (
    <div>
      <div ref={status} tabIndex={-1} className="focus:outline-none">
        {deleted ? <Alert tone="success">{deleted}</Alert> : null}
      </div>
      {/* relative: the buttons' screen-reader text stays inside the scrolling box on a phone. */}
      <TableScroll label={caption} className="relative">
        <table className="w-full min-w-[30rem] text-left text-sm">
          <caption className="sr-only">{caption}</caption>
          <thead className="border-b border-slate-200 text-slate-600">
            <tr>
              <th scope="col" className="py-2 pr-4 font-medium">
                Période
              </th>
              <th scope="col" className="py-2 pr-4 font-medium">
                Dates
              </th>
              <th scope="col" className="py-2 pr-4 font-medium">
                Origine
              </th>
              {canEdit ? (
                <th scope="col" className="py-2 font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {periods.map((p) => (
              <PeriodRowView
                key={p.id}
                period={p}
                canEdit={canEdit}
                editing={editing === p.id}
                columns={columns}
                onEdit={setEditing}
                onDeleted={onDeleted}
              />
            ))}
          </tbody>
        </table>
      </TableScroll>
    </div>
  );
}

function PeriodRowView({
  period: p,
  canEdit,
  editing,
  columns,
  onEdit,
  onDeleted,
}: {
  period: PeriodRow;
  canEdit: boolean;
  editing: boolean;
  columns: number;
  onEdit: (id: string | null) => void;
  onDeleted: (text: string) => void;
}) {
  const editButton = useRef<HTMLButtonElement>(null);
  const close = () => {
    onEdit(null);
    requestAnimationFrame(() => editButton.current?.focus());
  };
  return (
    <>
      <tr>
        <th scope="row" className="min-w-[9rem] py-3 pr-4 font-medium text-slate-900">
          <span className="block">{p.label}</span>
          <span className="mt-1 inline-block whitespace-nowrap">
            <Badge tone={p.kind === "closure" ? "warning" : "neutral"}>{kindLabels[p.kind]}</Badge>
          </span>
        </th>
        <td className="py-3 pr-4">
          {p.startDate === p.endDate ? (
            <span className="whitespace-nowrap">le {formatDate(p.startDate)}</span>
          ) : (
            <>
              <span className="block whitespace-nowrap">du {formatDate(p.startDate)}</span>
              <span className="block whitespace-nowrap">au {formatDate(p.endDate)} inclus</span>
            </>
          )}
        </td>
        <td className="py-3 pr-4 text-slate-600">{sourceLabels[p.source]}</td>
        {canEdit ? (
          <td className="py-3">
            <div className="flex flex-wrap justify-end gap-2">
              <Button
                ref={editButton}
                type="button"
                variant="secondary"
                className="min-h-9 px-3 py-1"
                aria-expanded={editing}
                onClick={() => onEdit(editing ? null : p.id)}
              >
                Modifier<span className="sr-only"> « {p.label} »</span>
              </Button>
              <DeletePeriodButton period={p} onDeleted={onDeleted} />
            </div>
          </td>
        ) : null}
      </tr>
      {editing ? (
        <tr>
          <td colSpan={columns} className="bg-slate-50 px-3 pt-4 pb-2">
            <p className="mb-3 text-sm text-slate-600">
              Modification de « {p.label} »
              {p.source !== "manual" ? " : une fois modifiée, cette période ne sera plus remplacée par un import." : "."}
            </p>
            <PeriodForm period={p} onDone={close} onCancel={close} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

const MAX_FILE_BYTES = 8_000_000;

/** Reads the official export in the browser, says what it would change (bookings cancelled included), then imports it. */
export function ImportForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const submitRef = useRef<HTMLButtonElement>(null);
  const [result, setResult] = useState<string | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const [pending, setPending] = useState<{ file: string; impact: ClosureImpact } | null>(null);
  const preview = useMutation(trpc.calendar.previewImport.mutationOptions());
  const mutation = useMutation(trpc.calendar.importPeriods.mutationOptions());
  const error = mutation.error ?? preview.error;
  const errors = fieldErrors(error);
  const fileError = localError ?? errors.file;
  const run = (file: string) =>
    mutation.mutate(
      { file },
      {
        onSuccess: (r) => {
          setPending(null);
          const years = r.schoolYears.length ? ` (année${r.schoolYears.length > 1 ? "s" : ""} ${r.schoolYears.join(", ")})` : "";
          const replaced = r.replaced ? `, ${plural(r.replaced, "période remplacée", "périodes remplacées")}` : "";
          setResult(`${plural(r.imported, "période importée", "périodes importées")}${years}${replaced}.${messages.calendar.cancelledNotice(r.cancelled)}`);
          formRef.current?.reset();
          router.refresh();
        },
      },
    );
  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const input = event.currentTarget.elements.namedItem("file") as HTMLInputElement | null;
        const file = input?.files?.[0];
        setResult(null);
        setLocalError(null);
        mutation.reset();
        preview.reset();
        if (!file) return setLocalError("Fichier : choisissez le fichier téléchargé (CSV ou JSON).");
        if (file.size > MAX_FILE_BYTES) return setLocalError("Fichier : ce fichier est trop volumineux (8 Mo au plus).");
        const reader = new FileReader();
        setReading(true);
        reader.onerror = () => {
          setReading(false);
          setLocalError("Fichier : ce fichier n'a pas pu être lu.");
        };
        reader.onload = () => {
          setReading(false);
          const text = String(reader.result ?? "");
          preview.mutate({ file: text }, { onSuccess: (impact) => (cancelsSomething(impact) ? setPending({ file: text, impact }) : run(text)) });
        };
        reader.readAsText(file);
      }}
    >
      {result ? <Alert tone="success">{result}</Alert> : null}
      {formError(error) ? <Alert tone="error">{formError(error)}</Alert> : null}
      <FileField
        id="import-fichier"
        label="Fichier du calendrier scolaire (CSV ou JSON)"
        name="file"
        accept=".csv,.json,text/csv,application/json"
        required
        onChange={() => setPending(null)}
        hint="Les vacances importées remplacent celles du calendrier officiel et des imports précédents pour les mêmes années ; vos saisies sont conservées."
        error={fileError}
      />
      {pending ? (
        <ClosureConfirm
          impact={pending.impact}
          confirmLabel="Importer et annuler ces réservations"
          pending={mutation.isPending}
          onConfirm={() => run(pending.file)}
          onCancel={() => {
            setPending(null);
            requestAnimationFrame(() => submitRef.current?.focus());
          }}
        />
      ) : (
        <Button ref={submitRef} type="submit" disabled={reading || preview.isPending || mutation.isPending}>
          {reading || preview.isPending || mutation.isPending ? "Import en cours…" : "Importer"}
        </Button>
      )}
    </form>
  );
}
