"use client";
import { useMutation, type UseMutationOptions } from "@tanstack/react-query";
import type { TRPCClientErrorLike } from "@trpc/client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { AppRouter } from "@/server/root";
import { fieldErrors, formError } from "./form-errors";

type ClientError = TRPCClientErrorLike<AppRouter>;

export interface FormFeedback {
  /** Per-field French messages, keyed as the form names its fields. */
  errors: Record<string, string>;
  /** The message above the form when no single field is to blame. */
  formError: string | undefined;
  success: string | null;
}

/** What a form shows after its last submission: the server's refusal, field by field, or the success message. */
export function formFeedback(error: ClientError | null | undefined, success: string | null, under?: string): FormFeedback {
  return { errors: fieldErrors(error, under), formError: formError(error), success: error ? null : success };
}

export interface FormMutationConfig<TData, TVariables> {
  /** Said once it worked (a function of the answer when it names what was saved). */
  success?: string | ((data: TData, variables: TVariables) => string);
  /** Empty the form once saved (a form that adds something); a form that edits keeps its values. */
  resetForm?: boolean;
  /** Re-render the server components of the page once saved (default true). */
  refresh?: boolean;
  /** The object the fields are sent in, see `fieldErrors`. */
  under?: string;
  onSuccess?: (data: TData, variables: TVariables) => void;
}

/**
 * A tRPC mutation behind a form: `submit(form, input)` clears the last message, saves, then says it
 * worked, resets the form and refreshes the page as configured; `errors`/`formError` come from the
 * server's French messages (form-errors.ts), `pending` disables the button.
 */
export function useFormMutation<TData, TVariables>(
  options: UseMutationOptions<TData, ClientError, TVariables>,
  config: FormMutationConfig<TData, TVariables> = {},
) {
  const router = useRouter();
  const mutation = useMutation(options);
  const [success, setSuccess] = useState<string | null>(null);
  const submit = (form: HTMLFormElement | null, variables: TVariables) => {
    setSuccess(null);
    mutation.mutate(variables, {
      onSuccess: (data) => {
        const said = typeof config.success === "function" ? config.success(data, variables) : config.success;
        setSuccess(said ?? null);
        if (config.resetForm) form?.reset();
        config.onSuccess?.(data, variables);
        if (config.refresh ?? true) router.refresh();
      },
    });
  };
  const reset = () => {
    setSuccess(null);
    mutation.reset();
  };
  return { ...formFeedback(mutation.error, success, config.under), submit, reset, pending: mutation.isPending, mutation };
}
