"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { FileField } from "@/app/_components/file-field";
import { Alert, Button, Card, CheckboxGroup, Field, SelectField } from "@/app/_components/ui";
import { fieldErrors, formError } from "@/app/_lib/form-errors";
import { useTRPC } from "@/app/_lib/trpc";
import { classLevelLabels, classLevels } from "@/common/activity-labels";
import { storedApplicationDocumentUrl } from "@/common/files";
import { APPLICATION_DOCUMENT_MAX_BYTES, type ApplicationDraft } from "@/common/preregistration";
import type { AppRouter } from "@/server/root";
import type { inferRouterOutputs } from "@trpc/server";

type Mine = inferRouterOutputs<AppRouter>["preregistration"]["mine"];
type Guardian = ApplicationDraft["guardians"][number];
type Child = ApplicationDraft["children"][number];

const STEPS = ["Foyer", "Responsables", "Enfants", "Pièces", "Envoi"] as const;
const emptyGuardian = (): Guardian => ({ firstName: "", lastName: "", email: "", phone: "" });
const emptyChild = (lastName = ""): Child => ({ firstName: "", lastName, birthDate: "", school: "", classLevel: "", activityIds: [] });
const classOptions = [["", "—"], ...classLevels.map((c) => [c, classLevelLabels[c]] as const)] as const;

/** Which step shows a field the server refused, so the form goes back to it. */
function stepOf(field: string): number {
  if (field.startsWith("household")) return 0;
  if (field.startsWith("guardians")) return 1;
  if (field.startsWith("children")) return 2;
  if (field.startsWith("documents")) return 3;
  return 4;
}

export function PreregistrationWizard({ commune, initial, initialStep = 0 }: { commune: string; initial: Mine; initialStep?: number }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [step, setStep] = useState(initialStep);
  const [draft, setDraft] = useState<ApplicationDraft>(initial.draft);
  const [documents, setDocuments] = useState(initial.documents);
  const [uploadErrors, setUploadErrors] = useState<Record<string, string>>({});
  const [uploading, setUploading] = useState<string | null>(null);
  const save = useMutation(trpc.preregistration.saveDraft.mutationOptions());
  const submit = useMutation(trpc.preregistration.submit.mutationOptions({ onSuccess: () => router.refresh() }));
  const removeDocument = useMutation(trpc.preregistration.removeDocument.mutationOptions());
  const errors = { ...fieldErrors(save.error), ...fieldErrors(submit.error) };
  const problem = formError(save.error) ?? formError(submit.error);

  const goTo = (next: number) =>
    save.mutate(draft, {
      onSuccess: () => {
        setStep(next);
        window.scrollTo({ top: 0 });
      },
    });
  const send = () =>
    save.mutate(draft, {
      onSuccess: () =>
        submit.mutate(undefined, {
          onError: (error) => {
            const field = (error.data as { field?: string } | undefined)?.field;
            if (field) setStep(stepOf(field));
          },
        }),
    });

  const setHousehold = (patch: Partial<ApplicationDraft["household"]>) => setDraft({ ...draft, household: { ...draft.household, ...patch } });
  const setGuardian = (i: number, patch: Partial<Guardian>) => setDraft({ ...draft, guardians: draft.guardians.map((g, j) => (j === i ? { ...g, ...patch } : g)) });
  const setChild = (i: number, patch: Partial<Child>) => setDraft({ ...draft, children: draft.children.map((c, j) => (j === i ? { ...c, ...patch } : c)) });

  async function upload(documentTypeId: string, label: string, file: File | undefined) {
    if (!file) return;
    setUploadErrors({ ...uploadErrors, [documentTypeId]: "" });
    if (file.size > APPLICATION_DOCUMENT_MAX_BYTES) {
      setUploadErrors({ ...uploadErrors, [documentTypeId]: `« ${label} » : le fichier ne doit pas dépasser 5 Mo` });
      return;
    }
    setUploading(documentTypeId);
    try {
      const response = await fetch(`/api/preinscription/${commune}/depot/${documentTypeId}`, {
        method: "POST",
        body: file,
        headers: { "content-type": file.type || "application/octet-stream", "x-file-name": encodeURIComponent(file.name) },
      });
      const answer = (await response.json().catch(() => ({}))) as { document?: Mine["documents"][number]; message?: string };
      if (!response.ok || !answer.document) {
        setUploadErrors({ ...uploadErrors, [documentTypeId]: answer.message ?? "L'envoi du fichier a échoué : réessayez." });
        return;
      }
      setDocuments([...documents.filter((d) => d.documentTypeId !== documentTypeId), { ...answer.document, contentType: "", documentTypeId }]);
    } finally {
      setUploading(null);
    }
  }

  const today = new Date().toISOString().slice(0, 10);
  const activityOptions = initial.activities.map((a) => [a.id, `${a.name} (${a.siteName})`] as const);

  return (
    <div>
      <nav aria-label="Étapes de la préinscription" className="mb-6">
        <ol className="flex flex-wrap gap-2 text-sm">
          {STEPS.map((label, i) => (
            <li key={label} aria-current={i === step ? "step" : undefined} className={`rounded-full px-3 py-1 ${i === step ? "bg-brand-700 font-semibold text-white" : i < step ? "bg-brand-50 text-brand-800" : "bg-slate-100 text-slate-600"}`}>
              {i + 1}. {label}
            </li>
          ))}
        </ol>
      </nav>
      {problem ? <Alert tone="error">{problem}</Alert> : null}
      {Object.keys(errors).length ? <Alert tone="error">{Object.values(errors)[0]}</Alert> : null}

      {step === 0 ? (
        <Card title="Votre foyer">
          <Field id="foyer-nom" label="Nom du foyer" name="household.name" hint="ex. : Famille Martin" value={draft.household.name} onChange={(e) => setHousehold({ name: e.target.value })} error={errors["household.name"]} autoComplete="family-name" />
          <Field id="foyer-adresse" label="Adresse" name="household.addressLine" value={draft.household.addressLine} onChange={(e) => setHousehold({ addressLine: e.target.value })} error={errors["household.addressLine"]} autoComplete="street-address" />
          <div className="grid grid-cols-1 gap-x-4 sm:grid-cols-[10rem_1fr]">
            <Field id="foyer-cp" label="Code postal" name="household.postalCode" inputMode="numeric" value={draft.household.postalCode} onChange={(e) => setHousehold({ postalCode: e.target.value })} error={errors["household.postalCode"]} autoComplete="postal-code" />
            <Field id="foyer-ville" label="Ville" name="household.city" value={draft.household.city} onChange={(e) => setHousehold({ city: e.target.value })} error={errors["household.city"]} autoComplete="address-level2" />
          </div>
          <fieldset className="mb-2">
            <legend className="mb-1 text-sm font-medium text-slate-800">Habitez-vous {initial.commune.name} ?</legend>
            <div className="flex flex-wrap gap-2">
              {[
                [true, "Oui, nous y habitons"],
                [false, "Non, nous habitons ailleurs"],
              ].map(([value, label]) => (
                <label key={String(value)} className={`inline-flex min-h-11 cursor-pointer items-center gap-2 rounded-lg border px-3 py-2 text-sm ${draft.household.isResident === value ? "border-brand-700 bg-brand-50 font-semibold" : "border-slate-300"}`}>
                  <input type="radio" name="household.isResident" className="size-4" checked={draft.household.isResident === value} onChange={() => setHousehold({ isResident: value as boolean })} />
                  {label}
                </label>
              ))}
            </div>
            {errors["household.isResident"] ? <p className="mt-1 text-sm text-red-700">{errors["household.isResident"]}</p> : null}
          </fieldset>
        </Card>
      ) : null}

      {step === 1 ? (
        <>
          {draft.guardians.map((g, i) => (
            <Card key={i} title={i === 0 ? "Vous (responsable légal)" : "Second responsable légal"} className="mb-4">
              <div className="grid grid-cols-1 gap-x-4 sm:grid-cols-2">
                <Field id={`resp-${i}-prenom`} label="Prénom" name={`guardians.${i}.firstName`} value={g.firstName} onChange={(e) => setGuardian(i, { firstName: e.target.value })} error={errors[`guardians.${i}.firstName`]} autoComplete={i === 0 ? "given-name" : "off"} />
                <Field id={`resp-${i}-nom`} label="Nom" name={`guardians.${i}.lastName`} value={g.lastName} onChange={(e) => setGuardian(i, { lastName: e.target.value })} error={errors[`guardians.${i}.lastName`]} autoComplete={i === 0 ? "family-name" : "off"} />
                <Field id={`resp-${i}-email`} label="Adresse e-mail" type="email" name={`guardians.${i}.email`} value={g.email} onChange={(e) => setGuardian(i, { email: e.target.value })} error={errors[`guardians.${i}.email`]} hint={i === 1 ? "Il recevra une invitation à rejoindre le dossier une fois la préinscription acceptée." : undefined} />
                <Field id={`resp-${i}-tel`} label="Téléphone" type="tel" name={`guardians.${i}.phone`} value={g.phone} onChange={(e) => setGuardian(i, { phone: e.target.value })} error={errors[`guardians.${i}.phone`]} />
              </div>
              {i === 1 ? (
                <Button type="button" variant="secondary" onClick={() => setDraft({ ...draft, guardians: draft.guardians.slice(0, 1) })}>
                  Retirer le second responsable
                </Button>
              ) : null}
            </Card>
          ))}
          {draft.guardians.length < 2 ? (
            <Button type="button" variant="secondary" className="mb-4" onClick={() => setDraft({ ...draft, guardians: [...draft.guardians, emptyGuardian()] })}>
              Ajouter un second responsable
            </Button>
          ) : null}
        </>
      ) : null}

      {step === 2 ? (
        <>
          {draft.children.map((c, i) => (
            <Card key={i} title={`Enfant ${i + 1}`} className="mb-4">
              <div className="grid grid-cols-1 gap-x-4 sm:grid-cols-2">
                <Field id={`enfant-${i}-prenom`} label="Prénom" name={`children.${i}.firstName`} value={c.firstName} onChange={(e) => setChild(i, { firstName: e.target.value })} error={errors[`children.${i}.firstName`]} />
                <Field id={`enfant-${i}-nom`} label="Nom" name={`children.${i}.lastName`} value={c.lastName} onChange={(e) => setChild(i, { lastName: e.target.value })} error={errors[`children.${i}.lastName`]} />
                <Field id={`enfant-${i}-naissance`} label="Date de naissance" type="date" max={today} name={`children.${i}.birthDate`} value={c.birthDate} onChange={(e) => setChild(i, { birthDate: e.target.value })} error={errors[`children.${i}.birthDate`]} />
                <SelectField id={`enfant-${i}-classe`} label="Classe" name={`children.${i}.classLevel`} options={classOptions} value={c.classLevel} onChange={(e) => setChild(i, { classLevel: e.target.value })} error={errors[`children.${i}.classLevel`]} />
              </div>
              <Field id={`enfant-${i}-ecole`} label="École" name={`children.${i}.school`} value={c.school} onChange={(e) => setChild(i, { school: e.target.value })} error={errors[`children.${i}.school`]} />
              {activityOptions.length ? (
                <CheckboxGroup id={`enfant-${i}-activites`} legend="Prestations souhaitées" options={activityOptions} value={c.activityIds} onChange={(activityIds) => setChild(i, { activityIds })} error={errors[`children.${i}.activityIds`]} hint="La mairie enregistre les inscriptions une fois la préinscription acceptée." />
              ) : null}
              <Button type="button" variant="secondary" onClick={() => setDraft({ ...draft, children: draft.children.filter((_, j) => j !== i) })}>
                Retirer cet enfant
              </Button>
            </Card>
          ))}
          {draft.children.length < 8 ? (
            <Button type="button" variant="secondary" className="mb-4" onClick={() => setDraft({ ...draft, children: [...draft.children, emptyChild(draft.guardians[0]?.lastName)] })}>
              Ajouter un enfant
            </Button>
          ) : null}
        </>
      ) : null}

      {step === 3 ? (
        <Card title="Pièces justificatives">
          <p className="mb-4 text-sm text-slate-700">PDF, JPEG ou PNG, 5 Mo au plus par pièce. Une photo nette prise avec votre téléphone convient.</p>
          {initial.documentTypes.map((t) => {
            const sent = documents.find((d) => d.documentTypeId === t.id);
            return (
              <div key={t.id} className="mb-4 border-b border-slate-100 pb-4 last:border-0">
                <FileField
                  label={`${t.label}${t.required ? " (obligatoire)" : " (facultatif)"}`}
                  name={`documents.${t.id}`}
                  id={`piece-${t.id}`}
                  accept="application/pdf,image/jpeg,image/png"
                  disabled={uploading === t.id}
                  error={uploadErrors[t.id] || errors[`documents.${t.id}`]}
                  onChange={(e) => void upload(t.id, t.label, e.target.files?.[0])}
                  className="mb-2"
                />
                {uploading === t.id ? <p className="text-sm text-slate-600">Envoi en cours…</p> : null}
                {sent ? (
                  <p className="flex flex-wrap items-center gap-3 text-sm text-green-800">
                    <span>
                      Envoyé :{" "}
                      {sent.id ? (
                        <a className="underline underline-offset-4" href={storedApplicationDocumentUrl(commune, sent.id)}>
                          {sent.name}
                        </a>
                      ) : (
                        sent.name
                      )}
                    </span>
                    <button
                      type="button"
                      className="min-h-11 font-semibold text-red-700 underline underline-offset-4"
                      onClick={() => removeDocument.mutate({ documentTypeId: t.id }, { onSuccess: () => setDocuments(documents.filter((d) => d.documentTypeId !== t.id)) })}
                    >
                      Retirer
                    </button>
                  </p>
                ) : null}
              </div>
            );
          })}
        </Card>
      ) : null}

      {step === 4 ? <Summary draft={draft} initial={initial} documents={documents} /> : null}

      <div className="mt-6 flex flex-wrap justify-between gap-3">
        {step > 0 ? (
          <Button type="button" variant="secondary" disabled={save.isPending} onClick={() => goTo(step - 1)}>
            Précédent
          </Button>
        ) : (
          <span />
        )}
        {step < STEPS.length - 1 ? (
          <Button type="button" disabled={save.isPending} onClick={() => goTo(step + 1)}>
            {save.isPending ? "Enregistrement…" : "Enregistrer et continuer"}
          </Button>
        ) : (
          <Button type="button" disabled={save.isPending || submit.isPending} onClick={send}>
            {submit.isPending ? "Envoi…" : "Envoyer ma préinscription"}
          </Button>
        )}
      </div>
      {save.isSuccess && step < STEPS.length - 1 ? <p className="mt-3 text-sm text-slate-600" role="status">Brouillon enregistré.</p> : null}
    </div>
  );
}

function Summary({ draft, initial, documents }: { draft: ApplicationDraft; initial: Mine; documents: Mine["documents"] }) {
  const activityName = new Map(initial.activities.map((a) => [a.id, a.name]));
  const row = (label: string, value: ReactNode) => (
    <div className="grid grid-cols-1 gap-1 py-2 sm:grid-cols-[12rem_1fr]">
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="text-sm">{value}</dd>
    </div>
  );
  return (
    <Card title="Vérifiez puis envoyez">
      <dl className="divide-y divide-slate-100">
        {row("Foyer", `${draft.household.name} — ${draft.household.addressLine}, ${draft.household.postalCode} ${draft.household.city}`)}
        {row("Résident", draft.household.isResident === null ? "—" : draft.household.isResident ? "oui" : "non")}
        {row("Responsables", draft.guardians.map((g) => `${g.firstName} ${g.lastName} (${g.email || "sans e-mail"})`).join(" ; "))}
        {row(
          "Enfants",
          draft.children.length ? (
            <ul>
              {draft.children.map((c, i) => (
                <li key={i}>
                  {c.firstName} {c.lastName}, né(e) le {c.birthDate ? c.birthDate.split("-").reverse().join("/") : "—"} {c.classLevel ? `· ${c.classLevel}` : ""}
                  {c.activityIds.length ? ` · ${c.activityIds.map((id) => activityName.get(id) ?? "").join(", ")}` : ""}
                </li>
              ))}
            </ul>
          ) : (
            "aucun"
          ),
        )}
        {row(
          "Pièces",
          initial.documentTypes.map((t) => `${t.label} : ${documents.some((d) => d.documentTypeId === t.id) ? "envoyée" : t.required ? "manquante" : "non fournie"}`).join(" ; "),
        )}
      </dl>
    </Card>
  );
}
