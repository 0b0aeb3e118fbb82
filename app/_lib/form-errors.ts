import type { TRPCClientErrorLike } from "@trpc/client";
import type { AppRouter } from "@/server/root";

type ClientError = TRPCClientErrorLike<AppRouter> | null | undefined;

/**
 * Per-field French messages from the server, keyed by field name. `under` names the object the form's
 * fields were sent in (`{ period: { label, … } }`): its keys ("period.label") are given as the form
 * names them ("label") too.
 */
export function fieldErrors(error: ClientError, under?: string): Record<string, string> {
  const data = error?.data as { fieldErrors?: Record<string, string>; field?: string } | undefined;
  const errors = { ...(data?.fieldErrors ?? {}) };
  if (data?.field && error?.message) errors[data.field] ??= error.message;
  if (under) {
    for (const [key, message] of Object.entries(errors)) if (key.startsWith(`${under}.`)) errors[key.slice(under.length + 1)] ??= message;
  }
  return errors;
}

/** The message to show above the form when no single field is to blame. */
export function formError(error: ClientError): string | undefined {
  if (!error) return undefined;
  const data = error.data as { fieldErrors?: Record<string, string>; field?: string } | undefined;
  if (data?.field || Object.keys(data?.fieldErrors ?? {}).length) return undefined;
  return error.message;
}

export const formValues = (form: HTMLFormElement) =>
  Object.fromEntries([...new FormData(form).entries()].map(([k, v]) => [k, String(v)]));
