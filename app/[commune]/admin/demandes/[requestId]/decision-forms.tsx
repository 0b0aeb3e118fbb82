"use client";
import { FormAlerts } from "@/app/_components/form-alerts";
import { Button, Field, SelectField } from "@/app/_components/ui";
import { useFormMutation } from "@/app/_lib/use-form-mutation";
import { useTRPC } from "@/app/_lib/trpc";
import { parseEuros } from "@/common/money";

/** Gives the request to a member of the team (or to nobody). */
export function AssignForm({ requestId, current, staff }: { requestId: string; current: string | null; staff: { userId: string; name: string | null; email: string }[] }) {
  const trpc = useTRPC();
  const assign = useFormMutation(trpc.requests.assign.mutationOptions(), { success: "Demande confiée." });
  return (
    <form
      noValidate
      aria-label="Confier la demande"
      onSubmit={(e) => {
        e.preventDefault();
        const value = String(new FormData(e.currentTarget).get("assignee") ?? "");
        assign.submit(e.currentTarget, { requestId, assigneeUserId: value || null });
      }}
    >
      <FormAlerts success={assign.success} formError={assign.formError} />
      <SelectField
        id={`agent-${requestId}`}
        name="assignee"
        label="Confiée à"
        defaultValue={current ?? ""}
        options={[["", "Personne"], ...staff.map((s) => [s.userId, s.name ?? s.email] as const)]}
        error={assign.errors.assigneeUserId}
      />
      <Button type="submit" variant="secondary" disabled={assign.pending}>
        Confier
      </Button>
    </form>
  );
}

/**
 * Accepting does what the request asks: an address change is written to the family file; a
 * contestation may issue an avoir (amount and reason); an attendance certificate needs a child and a period.
 */
export function AcceptForm({
  requestId,
  kind,
  childOptions,
  period,
  invoiceTotalCents,
}: {
  requestId: string;
  kind: string;
  childOptions: { id: string; name: string }[];
  period: { from: string; to: string };
  invoiceTotalCents: number | null;
}) {
  const trpc = useTRPC();
  const accept = useFormMutation(trpc.requests.accept.mutationOptions(), { success: "Demande acceptée : la famille est prévenue par e-mail." });
  const e = accept.errors;
  return (
    <form
      noValidate
      aria-label="Accepter la demande"
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        const get = (k: string) => String(data.get(k) ?? "");
        const amount = get("amount").trim();
        accept.submit(event.currentTarget, {
          requestId,
          message: get("message"),
          creditNote: kind === "invoice_dispute" && amount ? { amountCents: parseEuros(amount) ?? -1, reason: get("reason") } : null,
          attendance: kind === "attendance_certificate" ? { childId: get("childId"), from: get("from"), to: get("to") } : null,
        });
      }}
    >
      <FormAlerts success={accept.success} formError={accept.formError} />
      {kind === "address_change" ? <p className="mb-4 text-sm text-slate-700">L&apos;adresse demandée remplacera celle du dossier famille (modification gardée dans son historique).</p> : null}
      {kind === "invoice_dispute" ? (
        <fieldset className="mb-2">
          <legend className="mb-2 text-sm font-semibold text-slate-800">Avoir sur la facture (facultatif)</legend>
          <Field
            id={`montant-${requestId}`}
            name="amount"
            label="Montant de l'avoir (€)"
            inputMode="decimal"
            hint={invoiceTotalCents !== null ? "Laissez vide pour accepter sans avoir." : undefined}
            error={e["creditNote.amountCents"] ?? e.amountCents}
          />
          <Field id={`motif-avoir-${requestId}`} name="reason" label="Motif de l'avoir" maxLength={300} error={e["creditNote.reason"] ?? e.reason} />
        </fieldset>
      ) : null}
      {kind === "attendance_certificate" ? (
        <fieldset className="mb-2">
          <legend className="mb-2 text-sm font-semibold text-slate-800">Attestation de présence</legend>
          <SelectField id={`enfant-${requestId}`} name="childId" label="Enfant" options={childOptions.map((c) => [c.id, c.name] as const)} error={e["attendance.childId"]} />
          <div className="grid gap-x-4 sm:grid-cols-2">
            <Field id={`du-${requestId}`} name="from" type="date" label="Du" defaultValue={period.from} error={e["attendance.from"]} />
            <Field id={`au-${requestId}`} name="to" type="date" label="Au" defaultValue={period.to} error={e["attendance.to"] ?? e.attendance} />
          </div>
        </fieldset>
      ) : null}
      <div className="mb-4">
        <label htmlFor={`message-accept-${requestId}`} className="mb-1 block text-sm font-medium text-slate-800">
          Message à la famille (facultatif)
        </label>
        <textarea id={`message-accept-${requestId}`} name="message" rows={2} maxLength={5000} className="block w-full rounded-lg border border-slate-500 bg-white px-3 py-2 text-base" />
      </div>
      <Button type="submit" disabled={accept.pending}>
        {kind === "invoice_dispute" ? "Accepter (et émettre l'avoir)" : kind === "attendance_certificate" ? "Accepter et établir l'attestation" : "Accepter"}
      </Button>
    </form>
  );
}

export function RefuseForm({ requestId }: { requestId: string }) {
  const trpc = useTRPC();
  const refuse = useFormMutation(trpc.requests.refuse.mutationOptions(), { success: "Demande refusée : la famille est prévenue par e-mail." });
  return (
    <form
      noValidate
      aria-label="Refuser la demande"
      onSubmit={(event) => {
        event.preventDefault();
        refuse.submit(event.currentTarget, { requestId, reason: String(new FormData(event.currentTarget).get("reason") ?? "") });
      }}
    >
      <FormAlerts success={refuse.success} formError={refuse.formError} />
      <Field id={`refus-${requestId}`} name="reason" label="Motif du refus (lu par la famille)" maxLength={2000} error={refuse.errors.reason} />
      <Button type="submit" variant="danger" disabled={refuse.pending}>
        Refuser
      </Button>
    </form>
  );
}
