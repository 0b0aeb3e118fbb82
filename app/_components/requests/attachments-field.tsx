"use client";
import { useRef, useState } from "react";
import { describedBy, ErrorText, FieldLabel } from "@/app/_components/ui";
import { ATTACHMENT_HINT } from "./files";

/**
 * Up to three files, as FileField (app/_components/file-field.tsx) shows one: the native input kept
 * for keyboards and screen readers, visually behind a French « Choisir des fichiers » button.
 */
export function AttachmentsField({ id, label = "Pièces jointes (facultatif)", error, hint = ATTACHMENT_HINT }: { id: string; label?: string; error?: string; hint?: string }) {
  const [chosen, setChosen] = useState<string[]>([]);
  const ref = useRef<HTMLInputElement>(null);
  return (
    <div className="mb-4">
      <FieldLabel id={id} label={label} hint={hint} />
      <div className="flex flex-wrap items-center gap-3">
        <input
          ref={ref}
          id={id}
          name="attachments"
          type="file"
          multiple
          accept="application/pdf,image/jpeg,image/png"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, hint, error)}
          onChange={(e) => setChosen([...(e.target.files ?? [])].map((f) => f.name))}
          className="peer sr-only"
        />
        <button
          type="button"
          tabIndex={-1}
          aria-hidden="true"
          onClick={() => ref.current?.click()}
          className={`inline-flex min-h-11 cursor-pointer items-center rounded-lg border bg-white px-4 text-sm font-semibold text-slate-800 shadow-sm hover:bg-slate-50 peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-brand-700 ${error ? "border-red-600" : "border-slate-300"}`}
        >
          Choisir des fichiers
        </button>
        <span className="min-w-0 break-all text-sm text-slate-700" aria-live="polite">
          {chosen.length ? chosen.join(", ") : "Aucun fichier choisi"}
        </span>
      </div>
      <ErrorText id={`${id}-erreur`} error={error} />
    </div>
  );
}
