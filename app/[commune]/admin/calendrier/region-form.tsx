"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TRPCClientErrorLike } from "@trpc/client";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { Alert, Button, SelectField } from "@/app/_components/ui";
import { fieldErrors, formError } from "@/app/_lib/form-errors";
import { useTRPC } from "@/app/_lib/trpc";
import { messages } from "@/common/messages";
import type { AppRouter } from "@/server/root";
import { cancelsSomething, ClosureConfirm, type ClosureImpact } from "@/app/_components/closure-confirm";

/** The commune's public holidays (metropole, Alsace-Moselle, overseas); asks first when days already booked become public holidays. */
export function RegionForm({ current, regions }: { current: string; regions: { value: string; label: string }[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const submitRef = useRef<HTMLButtonElement>(null);
  const [region, setRegion] = useState(current);
  const [saved, setSaved] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const [checkError, setCheckError] = useState<TRPCClientErrorLike<AppRouter> | null>(null);
  const [pending, setPending] = useState<ClosureImpact | null>(null);
  const mutation = useMutation(trpc.calendar.setPublicHolidayRegion.mutationOptions());
  const error = mutation.error ?? checkError;
  const labelOf = (value: string) => regions.find((r) => r.value === value)?.label ?? value;
  const save = () =>
    mutation.mutate(
      { publicHolidayRegion: region },
      {
        onSuccess: (r) => {
          setPending(null);
          setSaved(`Jours fériés : ${labelOf(region)}.${messages.calendar.cancelledNotice(r.cancelled)}`);
          router.refresh();
        },
      },
    );
  return (
    <form
      noValidate
      className="max-w-xl"
      onSubmit={async (event) => {
        event.preventDefault();
        setSaved(null);
        setCheckError(null);
        mutation.reset();
        setChecking(true);
        try {
          const impact = await queryClient.fetchQuery(trpc.calendar.regionImpact.queryOptions({ publicHolidayRegion: region }, { staleTime: 0 }));
          if (cancelsSomething(impact)) setPending(impact);
          else save();
        } catch (e) {
          setCheckError(e as TRPCClientErrorLike<AppRouter>);
        } finally {
          setChecking(false);
        }
      }}
    >
      {saved ? <Alert tone="success">{saved}</Alert> : null}
      {formError(error) ? <Alert tone="error">{formError(error)}</Alert> : null}
      <SelectField
        id="jours-feries"
        name="publicHolidayRegion"
        label="Jours fériés appliqués"
        hint="L'Alsace-Moselle ajoute le Vendredi saint et le 26 décembre ; les départements d'outre-mer, l'abolition de l'esclavage."
        value={region}
        onChange={(event) => {
          setRegion(event.target.value);
          setPending(null);
        }}
        options={regions.map((r) => [r.value, r.label] as const)}
        error={fieldErrors(error).publicHolidayRegion}
      />
      {pending ? (
        <ClosureConfirm
          impact={pending}
          confirmLabel="Appliquer et annuler ces réservations"
          pending={mutation.isPending}
          onConfirm={save}
          onCancel={() => {
            setPending(null);
            requestAnimationFrame(() => submitRef.current?.focus());
          }}
        />
      ) : (
        <Button ref={submitRef} type="submit" disabled={checking || mutation.isPending}>
          {checking || mutation.isPending ? "Vérification…" : "Enregistrer"}
        </Button>
      )}
    </form>
  );
}
