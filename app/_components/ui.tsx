import Link from "next/link";
import type { ComponentProps, ReactNode } from "react";

export function PageTitle({ children, lead }: { children: ReactNode; lead?: ReactNode }) {
  return (
    <div className="mb-6">
      <h1 className="text-2xl font-bold tracking-tight text-slate-900 sm:text-3xl">{children}</h1>
      {lead ? <p className="mt-1 text-slate-600">{lead}</p> : null}
    </div>
  );
}

export function Card({ title, children, className = "", actions }: { title?: ReactNode; children: ReactNode; className?: string; actions?: ReactNode }) {
  return (
    <section className={`min-w-0 rounded-xl border border-slate-200 bg-white p-5 shadow-sm ${className}`}>
      {title || actions ? (
        <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
          {title ? <h2 className="text-lg font-semibold text-slate-900">{title}</h2> : <span />}
          {actions}
        </div>
      ) : null}
      {children}
    </section>
  );
}

// Disabled colours keep a 4.5:1 contrast too: the label stays readable, also while a button fades
// between its states (transition-colors).
const buttonStyles = {
  primary: "bg-brand-700 text-white hover:bg-brand-800 disabled:bg-slate-500",
  secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-50 disabled:text-slate-500",
  danger: "bg-red-700 text-white hover:bg-red-800 disabled:bg-slate-500",
} as const;

export function Button({ variant = "primary", className = "", ...props }: ComponentProps<"button"> & { variant?: keyof typeof buttonStyles }) {
  return (
    <button
      {...props}
      className={`inline-flex min-h-11 items-center justify-center rounded-lg px-4 py-2 text-sm font-semibold transition-colors disabled:cursor-not-allowed ${buttonStyles[variant]} ${className}`}
    />
  );
}

export function ButtonLink({ variant = "primary", className = "", ...props }: ComponentProps<typeof Link> & { variant?: keyof typeof buttonStyles }) {
  return (
    <Link
      {...props}
      className={`inline-flex min-h-11 items-center justify-center rounded-lg px-4 py-2 text-sm font-semibold transition-colors ${buttonStyles[variant]} ${className}`}
    />
  );
}

/** One labelled input with its hint and error, both tied to it for screen readers. */
export function Field({
  label,
  name,
  error,
  hint,
  className = "mb-4",
  ...input
}: ComponentProps<"input"> & { label: string; name?: string; error?: string; hint?: ReactNode }) {
  const id = input.id ?? `champ-${name}`;
  return (
    <div className={className}>
      <FieldLabel id={id} label={label} hint={hint} />
      <input {...input} id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} className={inputClass(error)} />
      <ErrorText id={`${id}-erreur`} error={error} />
    </div>
  );
}

export function Alert({ tone = "info", children }: { tone?: "info" | "success" | "error" | "warning"; children: ReactNode }) {
  const styles = {
    info: "border-sky-200 bg-sky-50 text-sky-900",
    success: "border-emerald-200 bg-emerald-50 text-emerald-900",
    error: "border-red-200 bg-red-50 text-red-900",
    warning: "border-amber-200 bg-amber-50 text-amber-900",
  }[tone];
  return (
    <div role={tone === "error" ? "alert" : "status"} className={`mb-4 rounded-lg border px-4 py-3 text-sm ${styles}`}>
      {children}
    </div>
  );
}

export function Badge({ children, tone = "neutral" }: { children: ReactNode; tone?: "neutral" | "warning" | "success" | "danger" }) {
  const styles = {
    neutral: "bg-slate-100 text-slate-800",
    warning: "bg-amber-100 text-amber-900",
    success: "bg-emerald-100 text-emerald-900",
    danger: "bg-red-100 text-red-900",
  }[tone];
  return <span className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-semibold ${styles}`}>{children}</span>;
}

export function Main({ children, narrow = false }: { children: ReactNode; narrow?: boolean }) {
  return (
    <main id="contenu" className={`mx-auto w-full px-4 py-6 sm:px-6 sm:py-10 ${narrow ? "max-w-md" : "max-w-5xl"}`}>
      {children}
    </main>
  );
}

/** The look of every text input and select. */
export const inputClass = (error?: string) =>
  `block min-h-11 w-full rounded-lg border bg-white px-3 py-2 text-base text-slate-900 shadow-sm focus-within:outline-3 focus-within:outline-offset-2 focus-within:outline-brand-600 ${error ? "border-red-600" : "border-slate-500"}`;

/** A field's label and its hint (`{id}-aide`, for aria-describedby): the same above every input. */
export function FieldLabel({ id, label, hint }: { id: string; label: ReactNode; hint?: ReactNode }) {
  return (
    <>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-800">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-aide`} className="mb-1 text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
    </>
  );
}

export function ErrorText({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <p id={id} className="mt-1 text-sm text-red-700">
      {error}
    </p>
  );
}

export const describedBy = (id: string, hint?: ReactNode, error?: string) =>
  [hint ? `${id}-aide` : null, error ? `${id}-erreur` : null].filter(Boolean).join(" ") || undefined;

export function SelectField({
  id,
  label,
  options,
  error,
  hint,
  className = "mb-4",
  ...select
}: ComponentProps<"select"> & { id: string; label: string; options: readonly (readonly [string, string])[]; error?: string; hint?: ReactNode }) {
  return (
    <div className={className}>
      <FieldLabel id={id} label={label} hint={hint} />
      <select
        {...select}
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        className={inputClass(error)}
      >
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
      <ErrorText id={`${id}-erreur`} error={error} />
    </div>
  );
}

export function CheckboxGroup<T extends string | number>({
  id,
  legend,
  options,
  value,
  onChange,
  error,
  hint,
}: {
  id: string;
  legend: string;
  options: readonly (readonly [T, string])[];
  value: readonly T[];
  onChange: (value: T[]) => void;
  error?: string;
  hint?: string;
}) {
  return (
    <fieldset className="mb-4" aria-describedby={describedBy(id, hint, error)} aria-invalid={error ? true : undefined}>
      <legend className="mb-1 text-sm font-medium text-slate-800">{legend}</legend>
      {hint ? (
        <p id={`${id}-aide`} className="mb-1 text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        {options.map(([option, text]) => {
          const checked = value.includes(option);
          return (
            <label
              key={String(option)}
              className={`inline-flex min-h-11 cursor-pointer items-center gap-2 rounded-lg border px-3 py-2 text-sm ${
                checked ? "border-brand-700 bg-brand-50 font-semibold text-brand-800" : "border-slate-300 bg-white text-slate-800"
              }`}
            >
              <input
                type="checkbox"
                className="size-4"
                checked={checked}
                onChange={(e) => onChange(e.target.checked ? [...value, option] : value.filter((v) => v !== option))}
              />
              {text}
            </label>
          );
        })}
      </div>
      <ErrorText id={`${id}-erreur`} error={error} />
    </fieldset>
  );
}

/** "" → null, anything else → a number (NaN is left for the server to name). */
export const numberOrNull = (value: string): number | null => (value.trim() === "" ? null : Number(value));
