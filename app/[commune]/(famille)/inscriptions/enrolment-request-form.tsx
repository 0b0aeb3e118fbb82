"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { fieldErrors, formError } from "@/app/_lib/form-errors";
import { useTRPC } from "@/app/_lib/trpc";
import { Alert, Button, ButtonLink, inputClass } from "@/app/_components/ui";

export interface EnrolableActivity {
  id: string;
  name: string;
  /** Site, year, who may join, who decides: one line under the choice. */
  details: string;
}

/**
 * Child, then activity: the activities a child already asked for (or joined) are left out of its
 * list. The server checks class, age and duplicates again and names the problem.
 */
export function EnrolmentRequestForm({
  commune,
  kids,
  activities,
  taken,
}: {
  commune: string;
  kids: { id: string; name: string }[];
  activities: EnrolableActivity[];
  /** "childId|activityId" of requests pending or accepted. */
  taken: string[];
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [childId, setChildId] = useState(kids[0]?.id ?? "");
  const choices = activities.filter((a) => !taken.includes(`${childId}|${a.id}`));
  const [activityId, setActivityId] = useState("");
  const chosen = choices.find((a) => a.id === activityId) ?? choices[0];
  const mutation = useMutation({ ...trpc.reservations.requestEnrolment.mutationOptions(), onSuccess: () => router.refresh() });
  const errors = fieldErrors(mutation.error);
  if (!activities.length) return <p className="text-sm text-slate-600">Aucune activité n&apos;est ouverte aux inscriptions.</p>;
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (chosen) mutation.mutate({ childId, activityId: chosen.id });
      }}
    >
      {mutation.isSuccess ? (
        <Alert tone="success">
          {mutation.data.status === "accepted"
            ? "Inscription acceptée : vous pouvez réserver ses jours dès maintenant."
            : "Demande envoyée : la mairie vous répondra, vous serez prévenu(e) par e-mail."}
        </Alert>
      ) : null}
      {formError(mutation.error) ? <Alert tone="error">{formError(mutation.error)}</Alert> : null}
      <div className="grid gap-x-6 sm:grid-cols-2">
        <div className="mb-4">
          <label htmlFor="champ-childId" className="mb-1 block text-sm font-medium">
            Enfant
          </label>
          <select
            id="champ-childId"
            value={childId}
            onChange={(e) => {
              setChildId(e.target.value);
              setActivityId("");
              mutation.reset();
            }}
            className={inputClass(errors.childId)}
          >
            {kids.map((k) => (
              <option key={k.id} value={k.id}>
                {k.name}
              </option>
            ))}
          </select>
        </div>
        <div className="mb-4">
          {choices.length ? (
            <>
              <label htmlFor="champ-activityId" className="mb-1 block text-sm font-medium">
                Activité
              </label>
              <select
                id="champ-activityId"
                value={chosen?.id ?? ""}
                onChange={(e) => {
                  setActivityId(e.target.value);
                  mutation.reset();
                }}
                aria-invalid={errors.activityId ? true : undefined}
                aria-describedby={`activite-details${errors.activityId ? " activite-erreur" : ""}`}
                className={inputClass(errors.activityId)}
              >
                {choices.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </select>
              <p id="activite-details" className="mt-1 text-xs text-slate-600 first-letter:uppercase">
                {chosen?.details}
              </p>
              {errors.activityId ? (
                <p id="activite-erreur" className="mt-1 text-sm text-red-700">
                  {errors.activityId}
                </p>
              ) : null}
            </>
          ) : (
            <>
              <p className="mb-1 text-sm font-medium">Activité</p>
              <p className="text-sm text-slate-600">Toutes les activités ouvertes sont déjà demandées pour cet enfant.</p>
            </>
          )}
        </div>
      </div>
      <div className="flex flex-wrap gap-2">
        {chosen ? (
          <Button type="submit" disabled={mutation.isPending}>
            Demander l&apos;inscription
          </Button>
        ) : null}
        {mutation.isSuccess && mutation.data.status === "accepted" ? (
          <ButtonLink href={`/${commune}/planning`} variant="secondary">
            Réserver des jours
          </ButtonLink>
        ) : null}
      </div>
    </form>
  );
}
