"use client";
import type { inferRouterOutputs } from "@trpc/server";
import { useState } from "react";
import { ConfirmButton } from "@/app/_components/confirm-dialog";
import { Field, SelectField } from "@/app/_components/ui";
import { classLevels } from "@/common/activity-labels";
import type { AppRouter } from "@/server/root";
import { Check, DocumentField, SectionForm, useChange, valueOf, checked, type EditMode } from "./shared";

export type FamilyFileView = inferRouterOutputs<AppRouter>["familyFile"]["get"];
type Household = FamilyFileView["household"];
type Guardian = FamilyFileView["guardians"][number];

export const classOptions = [["", "Non renseignée"], ...classLevels.map((c) => [c, c] as const)] as const;

export function AddressForm({ mode, household }: { mode: EditMode; household: Household }) {
  const [proofFileId, setProof] = useState<string | null>(null);
  return (
    <SectionForm
      mode={mode}
      title="Adresse"
      build={(f) => ({ householdId: household.id, section: "address", value: { addressLine: valueOf(f, "addressLine"), postalCode: valueOf(f, "postalCode"), city: valueOf(f, "city"), proofFileId } })}
    >
      {(errors) => (
        <>
          <Field label="Adresse" name="addressLine" id={`adresse-${household.id}`} defaultValue={household.addressLine} autoComplete="street-address" error={errors.addressLine} />
          <div className="grid gap-x-4 sm:grid-cols-[10rem_1fr]">
            <Field label="Code postal" name="postalCode" id={`cp-${household.id}`} defaultValue={household.postalCode} inputMode="numeric" autoComplete="postal-code" error={errors.postalCode} />
            <Field label="Ville" name="city" id={`ville-${household.id}`} defaultValue={household.city} autoComplete="address-level2" error={errors.city} />
          </div>
          <DocumentField householdId={household.id} kind="address_proof" label="Justificatif de domicile (facultatif)" name={`justificatif-${household.id}`} current={false} onUploaded={setProof} error={errors.proofFileId} />
        </>
      )}
    </SectionForm>
  );
}

export function CafForm({ mode, household }: { mode: EditMode; household: Household }) {
  return (
    <SectionForm mode={mode} title="Numéro d'allocataire CAF" build={(f) => ({ householdId: household.id, section: "caf", value: { cafNumber: valueOf(f, "cafNumber") } })}>
      {(errors) => <Field label="Numéro d'allocataire" name="cafNumber" id={`caf-${household.id}`} defaultValue={household.cafNumber} inputMode="numeric" hint="5 à 10 chiffres, sur vos courriers de la CAF." error={errors.cafNumber} />}
    </SectionForm>
  );
}

export function InsuranceForm({ mode, household }: { mode: EditMode; household: Household }) {
  const [certificateFileId, setCertificate] = useState<string | null>(household.insurance.certificateFileId);
  const i = household.insurance;
  return (
    <SectionForm
      mode={mode}
      title="Assurance responsabilité civile"
      build={(f) => ({ householdId: household.id, section: "insurance", value: { company: valueOf(f, "company"), policy: valueOf(f, "policy"), expiresOn: valueOf(f, "expiresOn"), certificateFileId } })}
    >
      {(errors) => (
        <>
          <div className="grid gap-x-4 sm:grid-cols-2">
            <Field label="Compagnie" name="company" id={`assureur-${household.id}`} defaultValue={i.company} error={errors.company} />
            <Field label="Numéro de contrat" name="policy" id={`contrat-${household.id}`} defaultValue={i.policy} error={errors.policy} />
          </div>
          <Field label="Date d'expiration" name="expiresOn" id={`expiration-${household.id}`} type="date" defaultValue={i.expiresOn} error={errors.expiresOn} />
          <DocumentField householdId={household.id} kind="insurance_certificate" label="Attestation d'assurance" name={`attestation-${household.id}`} current={Boolean(i.certificateFileId)} onUploaded={setCertificate} error={errors.certificateFileId} />
        </>
      )}
    </SectionForm>
  );
}

export function GuardianForm({ mode, householdId, guardian, removable }: { mode: EditMode; householdId: string; guardian: Guardian; removable: boolean }) {
  const remove = useChange(mode);
  return (
    <div className="rounded-lg border border-slate-200 p-4">
      <SectionForm
        mode={mode}
        title={`${guardian.firstName} ${guardian.lastName}${guardian.isMe ? " (vous)" : ""}`}
        build={(f) => ({ householdId, guardianId: guardian.id, section: "guardian_contact", value: { phone: valueOf(f, "phone"), email: valueOf(f, "email"), employer: valueOf(f, "employer") } })}
      >
        {(errors) => (
          <div className="grid gap-x-4 sm:grid-cols-2">
            <Field label="Téléphone" name="phone" id={`tel-${guardian.id}`} type="tel" autoComplete="tel" defaultValue={guardian.phone ?? ""} error={errors.phone} />
            <Field label="Adresse e-mail" name="email" id={`email-${guardian.id}`} type="email" autoComplete="email" defaultValue={guardian.email ?? ""} error={errors.email} />
            <Field label="Employeur (facultatif)" name="employer" id={`employeur-${guardian.id}`} defaultValue={guardian.employer ?? ""} error={errors.employer} className="mb-4 sm:col-span-2" />
          </div>
        )}
      </SectionForm>
      {removable && !guardian.isMe ? (
        <div className="mt-3">
          {remove.formError ? <p className="mb-2 text-sm text-red-700">{remove.formError}</p> : null}
          {remove.success ? <p className="mb-2 text-sm text-emerald-800">{remove.success}</p> : null}
          <ConfirmButton
            variant="secondary"
            confirm={{ title: "Retirer ce responsable ?", text: `${guardian.firstName} ${guardian.lastName} n'aura plus accès au dossier.`, confirmLabel: "Retirer", danger: true }}
            onConfirm={() => remove.submit(null, { householdId, guardianId: guardian.id, section: "guardian_removed", value: {} })}
          >
            Retirer du dossier
          </ConfirmButton>
        </div>
      ) : null}
    </div>
  );
}

export function AddGuardianForm({ mode, householdId }: { mode: EditMode; householdId: string }) {
  return (
    <SectionForm
      mode={mode}
      title="Ajouter un second responsable"
      submitLabel="Ajouter"
      build={(f) => ({
        householdId,
        section: "guardian_added",
        value: { firstName: valueOf(f, "firstName"), lastName: valueOf(f, "lastName"), email: valueOf(f, "email"), phone: valueOf(f, "phone"), relationship: valueOf(f, "relationship"), invite: checked(f, "invite") },
      })}
    >
      {(errors) => (
        <>
          <div className="grid gap-x-4 sm:grid-cols-2">
            <Field label="Prénom" name="firstName" id={`ng-prenom-${householdId}`} error={errors.firstName} />
            <Field label="Nom" name="lastName" id={`ng-nom-${householdId}`} error={errors.lastName} />
            <Field label="Adresse e-mail" name="email" id={`ng-email-${householdId}`} type="email" error={errors.email} />
            <Field label="Téléphone" name="phone" id={`ng-tel-${householdId}`} type="tel" error={errors.phone} />
            <Field label="Lien avec les enfants" name="relationship" id={`ng-lien-${householdId}`} placeholder="parent, beau-parent, tuteur…" error={errors.relationship} />
          </div>
          <Check name="invite" label="L'inviter par e-mail" hint="Il ou elle reçoit un lien pour activer son compte, déjà relié au dossier." defaultChecked />
        </>
      )}
    </SectionForm>
  );
}

export function AddChildForm({ mode, householdId, lastName }: { mode: EditMode; householdId: string; lastName: string }) {
  return (
    <SectionForm
      mode={mode}
      title="Ajouter un enfant"
      submitLabel="Ajouter"
      build={(f) => ({
        householdId,
        section: "child_added",
        value: { firstName: valueOf(f, "firstName"), lastName: valueOf(f, "lastName"), birthDate: valueOf(f, "birthDate"), school: valueOf(f, "school"), classLevel: valueOf(f, "classLevel") as "" },
      })}
    >
      {(errors) => (
        <>
          {mode === "parent" ? <p className="mb-3 text-sm text-slate-700">La mairie confirme l&apos;ajout d&apos;un enfant avant qu&apos;il apparaisse au dossier.</p> : null}
          <div className="grid gap-x-4 sm:grid-cols-2">
            <Field label="Prénom" name="firstName" id={`ne-prenom-${householdId}`} error={errors.firstName} />
            <Field label="Nom" name="lastName" id={`ne-nom-${householdId}`} defaultValue={lastName} error={errors.lastName} />
            <Field label="Date de naissance" name="birthDate" id={`ne-naissance-${householdId}`} type="date" error={errors.birthDate} />
            <Field label="École" name="school" id={`ne-ecole-${householdId}`} error={errors.school} />
            <SelectField label="Classe" name="classLevel" id={`ne-classe-${householdId}`} options={classOptions} error={errors.classLevel} />
          </div>
        </>
      )}
    </SectionForm>
  );
}
