"use client";
import { useState } from "react";
import { Button, Field, SelectField } from "@/app/_components/ui";
import { allergySeverities, type AllergySeverity } from "@/common/family-file";
import { messages } from "@/common/messages";
import { classOptions, type FamilyFileView } from "./household-forms";
import { Check, DocumentField, SectionForm, valueOf, checked, type EditMode } from "./shared";

type Child = FamilyFileView["children"][number];
const severityOptions = allergySeverities.map((s) => [s, messages.familyFile.severities[s]] as const);

export function SchoolingForm({ mode, householdId, child }: { mode: EditMode; householdId: string; child: Child }) {
  return (
    <SectionForm mode={mode} title="École et classe" build={(f) => ({ householdId, childId: child.id, section: "schooling", value: { school: valueOf(f, "school"), classLevel: valueOf(f, "classLevel") as "" } })}>
      {(errors) => (
        <div className="grid gap-x-4 sm:grid-cols-2">
          <Field label="École" name="school" id={`ecole-${child.id}`} defaultValue={child.school} error={errors.school} />
          <SelectField label="Classe" name="classLevel" id={`classe-${child.id}`} defaultValue={child.classLevel} options={classOptions} error={errors.classLevel} />
        </div>
      )}
    </SectionForm>
  );
}

export function AllergiesForm({ mode, householdId, child }: { mode: EditMode; householdId: string; child: Child }) {
  const [rows, setRows] = useState(child.health.allergies.map((a, i) => ({ key: i, ...a })));
  const [next, setNext] = useState(rows.length);
  const set = (key: number, patch: Partial<(typeof rows)[number]>) => setRows((list) => list.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  return (
    <SectionForm mode={mode} title="Allergies" build={() => ({ householdId, childId: child.id, section: "allergies", value: { allergies: rows.map(({ allergen, severity, note }) => ({ allergen, severity, note })) } })}>
      {(errors) => (
        <>
          {rows.length === 0 ? <p className="mb-3 text-sm text-slate-700">Aucune allergie connue.</p> : null}
          {rows.map((r, i) => (
            <fieldset key={r.key} className="mb-3 grid gap-x-4 rounded-lg border border-slate-200 p-3 sm:grid-cols-[1fr_10rem]">
              <legend className="px-1 text-sm font-medium text-slate-800">Allergie {i + 1}</legend>
              <Field label="Allergène" id={`allergene-${child.id}-${r.key}`} value={r.allergen} onChange={(e) => set(r.key, { allergen: e.target.value })} error={errors[`allergies.${i}.allergen`]} />
              <SelectField label="Gravité" id={`gravite-${child.id}-${r.key}`} value={r.severity} onChange={(e) => set(r.key, { severity: e.target.value as AllergySeverity })} options={severityOptions} error={errors[`allergies.${i}.severity`]} />
              <Field label="Précisions (réaction, conduite à tenir)" id={`precisions-${child.id}-${r.key}`} value={r.note} onChange={(e) => set(r.key, { note: e.target.value })} className="mb-2 sm:col-span-2" error={errors[`allergies.${i}.note`]} />
              <div className="sm:col-span-2">
                <Button type="button" variant="secondary" onClick={() => setRows((list) => list.filter((x) => x.key !== r.key))}>
                  Retirer cette allergie
                </Button>
              </div>
            </fieldset>
          ))}
          <div className="mb-3">
            <Button
              type="button"
              variant="secondary"
              onClick={() => {
                setRows((list) => [...list, { key: next, allergen: "", severity: "moderee", note: "" }]);
                setNext(next + 1);
              }}
            >
              Ajouter une allergie
            </Button>
          </div>
        </>
      )}
    </SectionForm>
  );
}

export function HealthForm({ mode, householdId, child }: { mode: EditMode; householdId: string; child: Child }) {
  const h = child.health;
  const [paiFileId, setPai] = useState(h.paiFileId);
  const [vaccinationFileId, setVaccination] = useState(h.vaccinationFileId);
  return (
    <SectionForm
      mode={mode}
      title="Santé"
      build={(f) => ({
        householdId,
        childId: child.id,
        section: "health",
        value: {
          hasPai: checked(f, "hasPai"),
          paiFileId,
          disabilityNeed: checked(f, "disabilityNeed"),
          disabilityNeeds: valueOf(f, "disabilityNeeds"),
          doctorName: valueOf(f, "doctorName"),
          doctorPhone: valueOf(f, "doctorPhone"),
          vaccinationsUpToDate: checked(f, "vaccinationsUpToDate"),
          vaccinationsDate: valueOf(f, "vaccinationsDate"),
          vaccinationsDueOn: valueOf(f, "vaccinationsDueOn"),
          vaccinationFileId,
        },
      })}
    >
      {(errors) => (
        <>
          <Check name="hasPai" label="Projet d'accueil individualisé (PAI)" defaultChecked={child.hasPai} />
          <DocumentField householdId={householdId} kind="pai_document" label="Document du PAI" name={`pai-${child.id}`} current={Boolean(h.paiFileId)} onUploaded={setPai} error={errors.paiFileId} />
          <Check name="disabilityNeed" label="Besoin particulier lié à un handicap" hint="Indiquez seulement ce dont votre enfant a besoin, jamais la nature du handicap." defaultChecked={h.disabilityNeed} />
          <Field label="Besoins (aide au repas, lieu calme, accompagnant…)" name="disabilityNeeds" id={`besoins-${child.id}`} defaultValue={h.disabilityNeeds} error={errors.disabilityNeeds} />
          <div className="grid gap-x-4 sm:grid-cols-2">
            <Field label="Médecin traitant" name="doctorName" id={`medecin-${child.id}`} defaultValue={h.doctorName} error={errors.doctorName} />
            <Field label="Téléphone du médecin" name="doctorPhone" id={`tel-medecin-${child.id}`} type="tel" defaultValue={h.doctorPhone} error={errors.doctorPhone} />
          </div>
          <Check name="vaccinationsUpToDate" label="Vaccinations à jour" defaultChecked={h.vaccinationsUpToDate} />
          <div className="grid gap-x-4 sm:grid-cols-2">
            <Field label="Date des derniers vaccins" name="vaccinationsDate" id={`vaccins-${child.id}`} type="date" defaultValue={h.vaccinationsDate} error={errors.vaccinationsDate} />
            <Field label="Prochain rappel prévu" name="vaccinationsDueOn" id={`rappel-${child.id}`} type="date" defaultValue={h.vaccinationsDueOn} error={errors.vaccinationsDueOn} />
          </div>
          <DocumentField householdId={householdId} kind="vaccination_record" label="Pages de vaccination du carnet de santé" name={`carnet-${child.id}`} current={Boolean(h.vaccinationFileId)} onUploaded={setVaccination} error={errors.vaccinationFileId} />
        </>
      )}
    </SectionForm>
  );
}

export function DietForm({ mode, householdId, child, offeredDiets }: { mode: EditMode; householdId: string; child: Child; offeredDiets: string[] }) {
  const diets = messages.familyFile.diets;
  const options = (["standard", ...offeredDiets] as (keyof typeof diets)[]).filter((d) => diets[d]).map((d) => [d, diets[d]] as const);
  if (!options.some(([d]) => d === child.diet)) options.push([child.diet, diets[child.diet]]);
  return (
    <SectionForm mode={mode} title="Régime alimentaire" build={(f) => ({ householdId, childId: child.id, section: "diet", value: { diet: valueOf(f, "diet") as "standard" } })}>
      {(errors) => <SelectField label="Repas" name="diet" id={`regime-${child.id}`} defaultValue={child.diet} options={options} hint="Les régimes proposés par la commune pour la cantine." error={errors.diet} />}
    </SectionForm>
  );
}

export function AuthorisationsForm({ mode, householdId, child }: { mode: EditMode; householdId: string; child: Child }) {
  return (
    <SectionForm
      mode={mode}
      title="Autorisations"
      build={(f) => ({ householdId, childId: child.id, section: "authorisations", value: { imageRights: checked(f, "imageRights"), leavesAlone: checked(f, "leavesAlone"), leavesAloneFrom: valueOf(f, "leavesAloneFrom") } })}
    >
      {(errors) => (
        <>
          <Check name="imageRights" label="Droit à l'image" hint="La commune peut diffuser des photos où votre enfant apparaît (journal municipal, site)." defaultChecked={child.imageRights} />
          <Check name="leavesAlone" label="Peut partir seul" defaultChecked={child.leavesAlone} />
          <Field label="À partir de (heure ou âge)" name="leavesAloneFrom" id={`sortie-${child.id}`} placeholder="à partir de 17 h, dès 8 ans…" defaultValue={child.leavesAloneFrom} error={errors.leavesAloneFrom} />
        </>
      )}
    </SectionForm>
  );
}

export function PickupsForm({ mode, householdId, child }: { mode: EditMode; householdId: string; child: Child }) {
  const [rows, setRows] = useState(child.pickups.map((p, i) => ({ key: i, ...p })));
  const [next, setNext] = useState(rows.length);
  const set = (key: number, patch: Partial<(typeof rows)[number]>) => setRows((list) => list.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  return (
    <SectionForm mode={mode} title="Personnes autorisées à venir le chercher" build={() => ({ householdId, childId: child.id, section: "pickups", value: { pickups: rows.map(({ name, phone, relationship }) => ({ name, phone, relationship })) } })}>
      {(errors) => (
        <>
          {rows.length === 0 ? <p className="mb-3 text-sm text-slate-700">Personne d&apos;autre que les responsables légaux.</p> : null}
          {rows.map((r, i) => (
            <fieldset key={r.key} className="mb-3 grid gap-x-4 rounded-lg border border-slate-200 p-3 sm:grid-cols-3">
              <legend className="px-1 text-sm font-medium text-slate-800">Personne {i + 1}</legend>
              <Field label="Nom et prénom" id={`pers-nom-${child.id}-${r.key}`} value={r.name} onChange={(e) => set(r.key, { name: e.target.value })} error={errors[`pickups.${i}.name`]} />
              <Field label="Téléphone" id={`pers-tel-${child.id}-${r.key}`} type="tel" value={r.phone} onChange={(e) => set(r.key, { phone: e.target.value })} error={errors[`pickups.${i}.phone`]} />
              <Field label="Lien" id={`pers-lien-${child.id}-${r.key}`} value={r.relationship} placeholder="grand-mère, voisin…" onChange={(e) => set(r.key, { relationship: e.target.value })} error={errors[`pickups.${i}.relationship`]} />
              <div className="sm:col-span-3">
                <Button type="button" variant="secondary" onClick={() => setRows((list) => list.filter((x) => x.key !== r.key))}>
                  Retirer
                </Button>
              </div>
            </fieldset>
          ))}
          <div className="mb-3">
            <Button
              type="button"
              variant="secondary"
              onClick={() => {
                setRows((list) => [...list, { key: next, name: "", phone: "", relationship: "" }]);
                setNext(next + 1);
              }}
            >
              Ajouter une personne
            </Button>
          </div>
        </>
      )}
    </SectionForm>
  );
}

/** Every section of one child, in the order a parent thinks of them. */
export function ChildSections({ mode, householdId, child, offeredDiets }: { mode: EditMode; householdId: string; child: Child; offeredDiets: string[] }) {
  const card = "rounded-xl border border-slate-200 bg-white p-5 shadow-sm";
  return (
    <div className="grid gap-6">
      <div className={card}><AllergiesForm mode={mode} householdId={householdId} child={child} /></div>
      <div className={card}><HealthForm mode={mode} householdId={householdId} child={child} /></div>
      <div className={card}><DietForm mode={mode} householdId={householdId} child={child} offeredDiets={offeredDiets} /></div>
      <div className={card}><PickupsForm mode={mode} householdId={householdId} child={child} /></div>
      <div className={card}><AuthorisationsForm mode={mode} householdId={householdId} child={child} /></div>
      <div className={card}><SchoolingForm mode={mode} householdId={householdId} child={child} /></div>
    </div>
  );
}
