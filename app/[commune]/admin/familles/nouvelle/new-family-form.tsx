"use client";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useState } from "react";
import { Alert, Button, Card, Field, SelectField } from "@/app/_components/ui";
import { fieldErrors, formError } from "@/app/_lib/form-errors";
import { useTRPC } from "@/app/_lib/trpc";
import { classLevelLabels, classLevels } from "@/common/activity-labels";
import type { NewFamilyForm } from "@/common/family-input";
import { messages } from "@/common/messages";

type Guardian = NewFamilyForm["guardians"][number];
type Child = NonNullable<NewFamilyForm["children"]>[number];

const emptyGuardian = (): Guardian => ({ firstName: "", lastName: "", email: "", phone: "", invite: "email" });
const emptyChild = (lastName = ""): Child => ({ firstName: "", lastName, birthDate: "", school: "", classLevel: "", allergies: "", diet: "standard" });
const classOptions = [["", "—"], ...classLevels.map((c) => [c, classLevelLabels[c]] as const)] as const;
const dietOptions = Object.entries(messages.attendance.diets) as [string, string][];

export function NewFamilyForm({ commune }: { commune: string }) {
  const trpc = useTRPC();
  const prefix = useId().replace(/:/g, "");
  const create = useMutation(trpc.familyCreation.create.mutationOptions());
  const [household, setHousehold] = useState({ reference: "", name: "", addressLine: "", postalCode: "", city: "", isResident: true });
  const [guardians, setGuardians] = useState<Guardian[]>([emptyGuardian()]);
  const [kids, setKids] = useState<Child[]>([]);
  const errors = fieldErrors(create.error);

  if (create.isSuccess) {
    const r = create.data;
    return (
      <Card title={`Dossier ${r.reference} créé`}>
        <Alert tone="success">La famille est enregistrée.</Alert>
        {r.invited.length ? <p className="mb-3 text-sm">Invitation envoyée par e-mail à : {r.invited.join(", ")}.</p> : null}
        {r.needsCode ? (
          <div className="mb-4 rounded-lg border border-slate-300 p-4">
            <p className="text-sm text-slate-700">
              À remettre à la famille : sur <strong>/compte</strong>, après avoir créé son compte, elle indique la commune, la référence{" "}
              <strong className="font-mono">{r.reference}</strong> et ce code d&apos;activation (il sert une fois ; le suivant s&apos;affiche dans le dossier) :
            </p>
            <p className="mt-2 font-mono text-2xl font-semibold tracking-wider">{r.code}</p>
            <Button type="button" variant="secondary" className="mt-3 print:hidden" onClick={() => window.print()}>
              Imprimer
            </Button>
          </div>
        ) : null}
        <Link href={`/${commune}/admin/familles/${r.householdId}`} className="font-semibold text-brand-700 underline underline-offset-4 print:hidden">
          Ouvrir le dossier
        </Link>
      </Card>
    );
  }

  const setG = (i: number, patch: Partial<Guardian>) => setGuardians(guardians.map((g, j) => (j === i ? { ...g, ...patch } : g)));
  const setK = (i: number, patch: Partial<Child>) => setKids(kids.map((k, j) => (j === i ? { ...k, ...patch } : k)));
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate({ ...household, guardians, children: kids });
      }}
    >
      {formError(create.error) ? <Alert tone="error">{formError(create.error)}</Alert> : null}
      {Object.keys(errors).length ? <Alert tone="error">Corrigez les champs signalés ci-dessous.</Alert> : null}
      <Card title="Foyer" className="mb-6">
        <div className="grid grid-cols-1 gap-x-4 sm:grid-cols-2">
          <Field id={`${prefix}-name`} label="Nom du foyer" name="name" required hint="ex. : Famille Martin" value={household.name} onChange={(e) => setHousehold({ ...household, name: e.target.value })} error={errors.name} />
          <Field id={`${prefix}-ref`} label="Référence famille" name="reference" hint="Laissez vide pour la numérotation automatique." value={household.reference} onChange={(e) => setHousehold({ ...household, reference: e.target.value })} error={errors.reference} />
          <Field id={`${prefix}-addr`} label="Adresse" name="addressLine" autoComplete="off" value={household.addressLine} onChange={(e) => setHousehold({ ...household, addressLine: e.target.value })} error={errors.addressLine} />
          <Field id={`${prefix}-cp`} label="Code postal" name="postalCode" inputMode="numeric" value={household.postalCode} onChange={(e) => setHousehold({ ...household, postalCode: e.target.value })} error={errors.postalCode} />
          <Field id={`${prefix}-city`} label="Ville" name="city" value={household.city} onChange={(e) => setHousehold({ ...household, city: e.target.value })} error={errors.city} />
        </div>
        <label className="flex min-h-11 items-center gap-2 text-sm">
          <input type="checkbox" className="size-4" checked={household.isResident} onChange={(e) => setHousehold({ ...household, isResident: e.target.checked })} />
          Résident de la commune
        </label>
      </Card>
      {guardians.map((g, i) => (
        <Card key={i} title={`Responsable légal ${i + 1}`} className="mb-6">
          <div className="grid grid-cols-1 gap-x-4 sm:grid-cols-2">
            <Field id={`${prefix}-g${i}-fn`} label="Prénom" value={g.firstName} onChange={(e) => setG(i, { firstName: e.target.value })} error={errors[`guardians.${i}.firstName`]} />
            <Field id={`${prefix}-g${i}-ln`} label="Nom" value={g.lastName} onChange={(e) => setG(i, { lastName: e.target.value })} error={errors[`guardians.${i}.lastName`]} />
            <Field id={`${prefix}-g${i}-em`} label="Adresse e-mail" type="email" value={g.email} onChange={(e) => setG(i, { email: e.target.value })} error={errors[`guardians.${i}.email`]} />
            <Field id={`${prefix}-g${i}-ph`} label="Téléphone" type="tel" value={g.phone} onChange={(e) => setG(i, { phone: e.target.value })} error={errors[`guardians.${i}.phone`]} />
          </div>
          <SelectField
            id={`${prefix}-g${i}-inv`}
            label="Accès au portail"
            value={g.invite}
            onChange={(e) => setG(i, { invite: e.target.value as Guardian["invite"] })}
            options={[
              ["email", "Envoyer une invitation par e-mail"],
              ["code", "Remettre le code d'activation imprimé"],
            ]}
          />
          {i === 1 ? (
            <Button type="button" variant="secondary" onClick={() => setGuardians(guardians.slice(0, 1))}>
              Retirer ce responsable
            </Button>
          ) : null}
        </Card>
      ))}
      {guardians.length < 2 ? (
        <Button type="button" variant="secondary" className="mb-6" onClick={() => setGuardians([...guardians, emptyGuardian()])}>
          Ajouter un second responsable
        </Button>
      ) : null}
      {kids.map((k, i) => (
        <Card key={i} title={`Enfant ${i + 1}`} className="mb-6">
          <div className="grid grid-cols-1 gap-x-4 sm:grid-cols-2">
            <Field id={`${prefix}-c${i}-fn`} label="Prénom" value={k.firstName} onChange={(e) => setK(i, { firstName: e.target.value })} error={errors[`children.${i}.firstName`]} />
            <Field id={`${prefix}-c${i}-ln`} label="Nom" value={k.lastName} onChange={(e) => setK(i, { lastName: e.target.value })} error={errors[`children.${i}.lastName`]} />
            <Field id={`${prefix}-c${i}-bd`} label="Date de naissance" type="date" value={k.birthDate} onChange={(e) => setK(i, { birthDate: e.target.value })} error={errors[`children.${i}.birthDate`]} />
            <Field id={`${prefix}-c${i}-sc`} label="École" value={k.school} onChange={(e) => setK(i, { school: e.target.value })} error={errors[`children.${i}.school`]} />
            <SelectField id={`${prefix}-c${i}-cl`} label="Classe" value={k.classLevel} onChange={(e) => setK(i, { classLevel: e.target.value as Child["classLevel"] })} options={classOptions} error={errors[`children.${i}.classLevel`]} />
            <SelectField id={`${prefix}-c${i}-di`} label="Régime" value={k.diet} onChange={(e) => setK(i, { diet: e.target.value as Child["diet"] })} options={dietOptions} error={errors[`children.${i}.diet`]} />
          </div>
          <Field id={`${prefix}-c${i}-al`} label="Allergies" value={k.allergies} onChange={(e) => setK(i, { allergies: e.target.value })} error={errors[`children.${i}.allergies`]} />
          <Button type="button" variant="secondary" onClick={() => setKids(kids.filter((_, j) => j !== i))}>
            Retirer cet enfant
          </Button>
        </Card>
      ))}
      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="secondary" onClick={() => setKids([...kids, emptyChild(guardians[0]?.lastName ?? "")])}>
          Ajouter un enfant
        </Button>
        <Button type="submit" disabled={create.isPending}>
          Créer le dossier
        </Button>
      </div>
    </form>
  );
}
