"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert, Badge, Button, Field } from "@/app/_components/ui";
import { fieldErrors, formError, formValues } from "@/app/_lib/form-errors";
import { useTRPC } from "@/app/_lib/trpc";
import { formatDate } from "@/common/dates";
import { formatMoney, parseEuros } from "@/common/money";

export interface QuotientView {
  id: string;
  value: number;
  source: "caf" | "fiscal";
  attestationDate: string | null;
  fiscal: { annualIncomeCents: number; monthlyBenefitsCents: number; parts: number } | null;
  validFrom: string;
  validTo: string | null;
  current: boolean;
  expired: boolean;
}

const qfNumber = (n: number) => new Intl.NumberFormat("fr-FR").format(n);
const parts = (n: number) => new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 2 }).format(n);

/** "QF 650 · CAF (attestation du 15 janvier 2026) · du 1er janvier au 31 décembre 2026". */
export function QuotientHistory({ history }: { history: QuotientView[] }) {
  if (!history.length) {
    return <p className="mb-4 text-sm text-slate-600">Aucun quotient familial enregistré : la tranche la plus haute s&apos;applique.</p>;
  }
  return (
    <ul className="mb-4 divide-y divide-slate-100 text-sm">
      {history.map((q) => (
        <li key={q.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
          <span>
            <span className="font-semibold">QF {qfNumber(q.value)}</span>{" "}
            {q.current ? <Badge tone="success">En vigueur</Badge> : q.expired ? <Badge>Expiré</Badge> : null}
            <span className="block text-slate-600">
              {q.source === "caf"
                ? `CAF${q.attestationDate ? ` — attestation du ${formatDate(q.attestationDate)}` : ""}`
                : q.fiscal
                  ? `Calculé sur avis d'imposition — revenu ${formatMoney(q.fiscal.annualIncomeCents)} par an, prestations ${formatMoney(q.fiscal.monthlyBenefitsCents)} par mois, ${parts(q.fiscal.parts)} part${q.fiscal.parts > 1 ? "s" : ""}`
                  : "Calculé sur avis d'imposition"}
            </span>
          </span>
          <span className="text-slate-700">
            du {formatDate(q.validFrom)}
            {q.validTo ? ` au ${formatDate(q.validTo)}` : ", sans fin"}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** The front desk records a CAF attestation, or tax data from which the QF is computed. */
export function QuotientForm({ householdId, partsRule, today }: { householdId: string; partsRule: "fiscal" | "caf"; today: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [source, setSource] = useState<"caf" | "fiscal">("caf");
  const [local, setLocal] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<number | null>(null);
  const caf = useMutation(trpc.quotients.recordCaf.mutationOptions());
  const fiscal = useMutation(trpc.quotients.recordFiscal.mutationOptions());
  const mutation = source === "caf" ? caf : fiscal;
  const errors = { ...fieldErrors(mutation.error), ...local };
  const year = today.slice(0, 4);
  const done = {
    onSuccess: (row: { value: number }) => {
      setSaved(row.value);
      router.refresh();
    },
  };

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const v = formValues(event.currentTarget);
        const e: Record<string, string> = {};
        setSaved(null);
        caf.reset();
        fiscal.reset();
        const validity = { householdId, validFrom: v.validFrom ?? "", validTo: v.validTo ?? "" };
        if (source === "caf") {
          const value = Number((v.value ?? "").replace(/\s/g, ""));
          if ((v.value ?? "").trim() === "" || !Number.isInteger(value)) e.value = "nombre entier, par exemple 650";
          setLocal(e);
          if (!Object.keys(e).length) caf.mutate({ ...validity, value, attestationDate: v.attestationDate ?? "" }, done);
          return;
        }
        const income = parseEuros(v.annualIncomeCents ?? "");
        const benefits = (v.monthlyBenefitsCents ?? "").trim() === "" ? 0 : parseEuros(v.monthlyBenefitsCents ?? "");
        if (income === null) e.annualIncomeCents = "montant en euros, par exemple 28 500";
        if (benefits === null) e.monthlyBenefitsCents = "montant en euros, par exemple 131,16";
        const num = (text: string | undefined) => (text && text.trim() ? Number(text.trim().replace(",", ".")) : undefined);
        setLocal(e);
        if (Object.keys(e).length) return;
        fiscal.mutate(
          {
            ...validity,
            annualIncomeCents: income!,
            monthlyBenefitsCents: benefits!,
            ...(partsRule === "fiscal" ? { parts: num(v.parts) } : { adults: num(v.adults), childCount: num(v.childCount) ?? 0 }),
          },
          done,
        );
      }}
    >
      {saved !== null ? <Alert tone="success">Quotient familial enregistré : {qfNumber(saved)}.</Alert> : null}
      {formError(mutation.error) ? <Alert tone="error">{formError(mutation.error)}</Alert> : null}
      <fieldset className="mb-4">
        <legend className="mb-1 text-sm font-medium text-slate-800">Origine</legend>
        <div className="flex flex-wrap gap-4 text-sm">
          {(
            [
              ["caf", "Attestation CAF"],
              ["fiscal", "Calcul sur avis d'imposition"],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="inline-flex min-h-11 items-center gap-2">
              <input type="radio" name="source" value={value} checked={source === value} onChange={() => setSource(value)} className="size-4" />
              {label}
            </label>
          ))}
        </div>
      </fieldset>
      {source === "caf" ? (
        <div className="grid grid-cols-1 gap-x-4 sm:grid-cols-2">
          <Field label="Quotient familial" name="value" inputMode="numeric" error={errors.value} />
          <Field label="Date de l'attestation" name="attestationDate" type="date" defaultValue={today} error={errors.attestationDate} />
        </div>
      ) : (
        <div className="grid grid-cols-1 gap-x-4 sm:grid-cols-2">
          <Field label="Revenu fiscal de référence annuel (€)" name="annualIncomeCents" inputMode="decimal" error={errors.annualIncomeCents} />
          <Field
            label="Prestations familiales mensuelles (€)"
            name="monthlyBenefitsCents"
            inputMode="decimal"
            hint="Vide : aucune."
            error={errors.monthlyBenefitsCents}
          />
          {partsRule === "fiscal" ? (
            <Field label="Nombre de parts" name="parts" inputMode="decimal" hint="Comme sur l'avis d'imposition : 2,5 par exemple." error={errors.parts} />
          ) : (
            <>
              <Field label="Nombre d'adultes" name="adults" inputMode="numeric" hint="1 pour une personne seule, 2 pour un couple (décompte CAF)." error={errors.adults} />
              <Field label="Nombre d'enfants" name="childCount" inputMode="numeric" defaultValue="0" error={errors.childCount} />
            </>
          )}
          <p className="mb-4 text-xs text-slate-600 sm:col-span-2">
            QF = (revenu annuel ÷ 12 + prestations mensuelles) ÷ nombre de parts, arrondi à l&apos;euro le plus proche.
          </p>
        </div>
      )}
      <div className="grid grid-cols-1 gap-x-4 sm:grid-cols-2">
        <Field label="Valable à partir du" name="validFrom" type="date" defaultValue={`${year}-01-01`} error={errors.validFrom} />
        <Field label="Valable jusqu'au" name="validTo" type="date" defaultValue={`${year}-12-31`} error={errors.validTo} />
      </div>
      <Button type="submit" disabled={mutation.isPending}>
        Enregistrer le quotient familial
      </Button>
    </form>
  );
}
