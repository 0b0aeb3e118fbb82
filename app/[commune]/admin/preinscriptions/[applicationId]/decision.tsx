"use client";
import { useState } from "react";
import { FormAlerts } from "@/app/_components/form-alerts";
import { Button, Card, SelectField } from "@/app/_components/ui";
import { useFormMutation } from "@/app/_lib/use-form-mutation";
import { useTRPC } from "@/app/_lib/trpc";
import { messages } from "@/common/messages";

type Choice = "accept" | "merge" | "ask_document" | "refuse";

/** Accept, merge into a proposed family file, ask for a document, or refuse with a reason. */
export function ApplicationDecision({ applicationId, duplicates }: { applicationId: string; duplicates: { id: string; label: string }[] }) {
  const trpc = useTRPC();
  const [choice, setChoice] = useState<Choice>("accept");
  const [householdId, setHouseholdId] = useState(duplicates[0]?.id ?? "");
  const [text, setText] = useState("");
  const decide = useFormMutation(trpc.preregistration.decide.mutationOptions(), { success: (data) => messages.preregistration.decisionDone[data.status] ?? "Décision enregistrée." });
  const options: [Choice, string][] = [
    ["accept", "Accepter : créer le dossier famille"],
    ...(duplicates.length ? ([["merge", "Rattacher à un dossier existant"]] as [Choice, string][]) : []),
    ["ask_document", "Demander une pièce manquante"],
    ["refuse", "Refuser"],
  ];
  return (
    <Card title="Décision" className="mt-6">
      <FormAlerts success={decide.success} formError={decide.formError} />
      {decide.success ? null : (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            const input =
              choice === "merge"
                ? { applicationId, decision: choice, householdId }
                : choice === "ask_document"
                  ? { applicationId, decision: choice, message: text }
                  : choice === "refuse"
                    ? { applicationId, decision: choice, reason: text }
                    : { applicationId, decision: choice };
            decide.submit(event.currentTarget, input);
          }}
        >
          <SelectField id="decision" label="Décision" name="decision" options={options} value={choice} onChange={(e) => setChoice(e.target.value as Choice)} />
          {choice === "merge" ? (
            <SelectField id="dossier" label="Dossier famille" name="householdId" options={duplicates.map((d) => [d.id, d.label] as const)} value={householdId} onChange={(e) => setHouseholdId(e.target.value)} error={decide.errors.householdId} />
          ) : null}
          {choice === "ask_document" || choice === "refuse" ? (
            <div className="mb-4">
              <label htmlFor="message" className="mb-1 block text-sm font-medium text-slate-800">
                {choice === "refuse" ? "Motif du refus (envoyé à la famille)" : "Pièce demandée (envoyée à la famille)"}
              </label>
              <textarea
                id="message"
                name={choice === "refuse" ? "reason" : "message"}
                rows={3}
                maxLength={1000}
                value={text}
                onChange={(e) => setText(e.target.value)}
                aria-invalid={decide.errors.reason || decide.errors.message ? true : undefined}
                aria-describedby={decide.errors.reason || decide.errors.message ? "message-erreur" : undefined}
                className="w-full rounded-lg border border-slate-300 px-3 py-2 text-base"
              />
              {decide.errors.reason || decide.errors.message ? (
                <p id="message-erreur" className="mt-1 text-sm text-red-700">
                  {decide.errors.reason ?? decide.errors.message}
                </p>
              ) : null}
            </div>
          ) : null}
          <Button type="submit" disabled={decide.pending} variant={choice === "refuse" ? "danger" : "primary"}>
            {choice === "accept" ? "Accepter la préinscription" : choice === "merge" ? "Rattacher au dossier" : choice === "ask_document" ? "Envoyer la demande de pièce" : "Refuser la préinscription"}
          </Button>
        </form>
      )}
    </Card>
  );
}
