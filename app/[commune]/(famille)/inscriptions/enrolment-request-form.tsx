"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { fieldErrors, formError, formValues } from "@/app/_lib/form-errors";
import { useTRPC } from "@/app/_lib/trpc";
import { Alert, Button } from "@/app/_components/ui";

function Choice({ label, name, options, error }: { label: string; name: string; options: { id: string; name: string }[]; error?: string }) {
  return (
    <div className="mb-4">
      <label htmlFor={`champ-${name}`} className="mb-1 block text-sm font-medium">
        {label}
      </label>
      <select id={`champ-${name}`} name={name} aria-invalid={error ? true : undefined} className="block min-h-11 w-full rounded-lg border border-slate-300 bg-white px-3 text-base">
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
      {error ? <p className="mt-1 text-sm text-red-700">{error}</p> : null}
    </div>
  );
}

export function EnrolmentRequestForm({ kids, activities }: { kids: { id: string; name: string }[]; activities: { id: string; name: string }[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const mutation = useMutation({ ...trpc.reservations.requestEnrolment.mutationOptions(), onSuccess: () => router.refresh() });
  const errors = fieldErrors(mutation.error);
  if (!activities.length) return <p className="text-sm text-slate-600">Aucune activité n&apos;est ouverte aux inscriptions.</p>;
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const v = formValues(event.currentTarget);
        mutation.mutate({ childId: v.childId ?? "", activityId: v.activityId ?? "" });
      }}
    >
      {mutation.isSuccess ? (
        <Alert tone="success">{mutation.data.status === "accepted" ? "Inscription acceptée : vous pouvez réserver dès maintenant." : "Demande envoyée : la mairie vous répondra."}</Alert>
      ) : null}
      {formError(mutation.error) ? <Alert tone="error">{formError(mutation.error)}</Alert> : null}
      <div className="grid gap-x-6 sm:grid-cols-2">
        <Choice label="Enfant" name="childId" options={kids} error={errors.childId} />
        <Choice label="Activité" name="activityId" options={activities} error={errors.activityId} />
      </div>
      <Button type="submit" disabled={mutation.isPending}>
        Demander l&apos;inscription
      </Button>
    </form>
  );
}
