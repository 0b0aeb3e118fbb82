"use client";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert, Button, Field } from "@/app/_components/ui";
import { useConfirm } from "@/app/_components/confirm-dialog";
import { fieldErrors, formError, formValues } from "@/app/_lib/form-errors";
import { useTRPC } from "@/app/_lib/trpc";
import { formatMoney, parseEuros } from "@/common/money";
import { messages } from "@/common/messages";

/**
 * "Émettre un avoir" against one end-of-month invoice: an amount in euros (at most what is still
 * creditable, which the server checks again under a lock) and a mandatory reason.
 */
export function CreditNoteForm({
  invoiceId,
  invoiceNumber,
  creditableCents,
  statementHref,
}: {
  invoiceId: string;
  invoiceNumber: string;
  creditableCents: number;
  statementHref: string;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [done, setDone] = useState<{ number: string; amountCents: number } | null>(null);
  const [local, setLocal] = useState<{ amount?: string; reason?: string }>({});
  const [confirm, dialog] = useConfirm();
  const issue = useMutation({
    ...trpc.invoices.creditNote.mutationOptions(),
    onSuccess: (note) => {
      setDone({ number: note.number, amountCents: note.amountCents });
      router.refresh();
    },
  });
  const server = fieldErrors(issue.error);
  const amountError = local.amount ?? server.amountCents;
  const reasonError = local.reason ?? server.reason;
  const general = formError(issue.error);
  return (
    <div>
      {done ? (
        <Alert tone="success">
          Avoir {done.number} émis : {formatMoney(done.amountCents)} déduits de ce qui reste à payer sur cette facture, ou crédités sur le compte de la famille si elle est déjà réglée.{" "}
          <Link href={statementHref} className="font-semibold underline underline-offset-4">
            Voir le relevé de compte
          </Link>
        </Alert>
      ) : null}
      {creditableCents > 0 ? (
        <form
          noValidate
          onSubmit={async (event) => {
            event.preventDefault();
            const form = event.currentTarget;
            setDone(null);
            issue.reset();
            const v = formValues(form);
            const amountCents = parseEuros(v.amount ?? "");
            const reason = (v.reason ?? "").trim();
            const errors = {
              amount:
                amountCents === null || amountCents <= 0
                  ? messages.payments.amountInvalid
                  : amountCents > creditableCents
                    ? messages.billing.creditNote.tooMuch(formatMoney(creditableCents))
                    : undefined,
              reason: reason ? undefined : `${messages.fields.reason} : ${messages.billing.creditNote.reasonRequired}`,
            };
            setLocal(errors);
            if (errors.amount || errors.reason || amountCents === null) return;
            const asked = {
              title: `Émettre un avoir de ${formatMoney(amountCents)} ?`,
              text: `Sur la facture ${invoiceNumber}, motif « ${reason} ». Un avoir émis ne peut plus être annulé.`,
              confirmLabel: "Émettre l'avoir",
            };
            if (!(await confirm(asked))) return;
            issue.mutate({ invoiceId, amountCents, reason }, { onSuccess: () => form.reset() });
          }}
        >
          {general ? <Alert tone="error">{general}</Alert> : null}
          <Field
            label="Montant de l'avoir (€)"
            name="amount"
            inputMode="decimal"
            placeholder="2,50"
            autoComplete="off"
            hint={`Au plus ${formatMoney(creditableCents)} : le total de la facture moins les avoirs déjà émis.`}
            error={amountError}
          />
          <Field
            label="Motif"
            name="reason"
            autoComplete="off"
            maxLength={300}
            hint="Repris sur le relevé de compte de la famille, par exemple « Repas non servi le 12 novembre »."
            error={reasonError}
          />
          <Button type="submit" disabled={issue.isPending}>
            {issue.isPending ? "Émission…" : "Émettre l'avoir"}
          </Button>
        </form>
      ) : (
        <p className="text-sm text-slate-700">Le total de cette facture est déjà entièrement couvert par des avoirs : aucun autre avoir ne peut être émis.</p>
      )}
      {dialog}
    </div>
  );
}
