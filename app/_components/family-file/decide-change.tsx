"use client";
import { useState } from "react";
import { Button, Field } from "@/app/_components/ui";
import { FormAlerts } from "@/app/_components/form-alerts";
import { useTRPC } from "@/app/_lib/trpc";
import { useFormMutation } from "@/app/_lib/use-form-mutation";

/** Accept, or refuse with a reason sent to the family, one pending change. */
export function DecideChange({ changeId }: { changeId: string }) {
  const trpc = useTRPC();
  const decide = useFormMutation(trpc.familyFiles.decide.mutationOptions(), { success: (r) => (r.status === "accepted" ? "Modification acceptée : la famille est prévenue." : "Modification refusée : la famille est prévenue.") });
  const [refusing, setRefusing] = useState(false);
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        decide.submit(e.currentTarget, { changeId, decision: "refused", reason: String(new FormData(e.currentTarget).get("reason") ?? "") });
      }}
    >
      <FormAlerts success={decide.success} formError={decide.formError} />
      {refusing ? <Field label="Motif du refus (envoyé à la famille)" name="reason" id={`motif-${changeId}`} error={decide.errors.reason} /> : null}
      <div className="flex flex-wrap gap-2">
        {!refusing ? (
          <>
            <Button type="button" disabled={decide.pending} onClick={() => decide.submit(null, { changeId, decision: "accepted", reason: "" })}>
              Accepter
            </Button>
            <Button type="button" variant="secondary" onClick={() => setRefusing(true)}>
              Refuser…
            </Button>
          </>
        ) : (
          <>
            <Button type="submit" variant="danger" disabled={decide.pending}>
              Refuser
            </Button>
            <Button type="button" variant="secondary" onClick={() => setRefusing(false)}>
              Annuler
            </Button>
          </>
        )}
      </div>
    </form>
  );
}
