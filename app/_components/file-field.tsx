"use client";
import { useRef, useState, type ChangeEvent, type ComponentProps, type ReactNode } from "react";
import { describedBy, ErrorText, FieldLabel } from "./ui";

/**
 * A file input that speaks French whatever the browser's language: the native control (kept, for
 * keyboards, screen readers and forms) is visually hidden behind a « Choisir un fichier » button and
 * the chosen file's name.
 */
export function FileField({
  label,
  name,
  error,
  hint,
  className = "mb-4",
  onChange,
  ...input
}: Omit<ComponentProps<"input">, "type"> & { label: string; name: string; error?: string; hint?: ReactNode }) {
  const id = input.id ?? `champ-${name}`;
  const [chosen, setChosen] = useState<string | null>(null);
  const ref = useRef<HTMLInputElement>(null);
  return (
    <div className={className}>
      <FieldLabel id={id} label={label} hint={hint} />
      <div className="flex flex-wrap items-center gap-3">
        <input
          {...input}
          ref={ref}
          id={id}
          name={name}
          type="file"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, hint, error)}
          className="peer sr-only"
          onChange={(event: ChangeEvent<HTMLInputElement>) => {
            setChosen(event.target.files?.[0]?.name ?? null);
            onChange?.(event);
          }}
        />
        {/* For the mouse only: the keyboard and screen readers use the input itself, whose focus shows here. */}
        <button
          type="button"
          tabIndex={-1}
          aria-hidden="true"
          disabled={input.disabled}
          onClick={() => ref.current?.click()}
          className={`inline-flex min-h-11 cursor-pointer items-center rounded-lg border bg-white px-4 text-sm font-semibold text-slate-800 shadow-sm hover:bg-slate-50 peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-brand-700 ${error ? "border-red-600" : "border-slate-300"}`}
        >
          Choisir un fichier
        </button>
        <span className="min-w-0 break-all text-sm text-slate-700" aria-live="polite">
          {chosen ?? "Aucun fichier choisi"}
        </span>
      </div>
      <ErrorText id={`${id}-erreur`} error={error} />
    </div>
  );
}
