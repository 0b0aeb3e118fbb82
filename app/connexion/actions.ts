"use server";
import { redirect } from "next/navigation";
import { AuthError, CredentialsSignin } from "next-auth";
import { z } from "zod";
import { signIn } from "@/server/auth";
import { messages } from "@/common/messages";

export interface SignInState {
  error?: string;
  fieldErrors?: Record<string, string>;
}

/**
 * Only local paths, so a crafted link cannot send the user elsewhere after sign-in. Without one, "/"
 * sends the user to their own home (app/_lib/landing.ts).
 */
function safeReturn(value: FormDataEntryValue | null): string {
  const path = typeof value === "string" ? value : "";
  return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\") ? path : "/";
}

const emailField = z.email({ error: `${messages.fields.email} : adresse invalide` });

export async function passwordSignIn(_prev: SignInState, form: FormData): Promise<SignInState> {
  const email = emailField.safeParse(String(form.get("email") ?? "").trim());
  const password = String(form.get("password") ?? "");
  const fieldErrors: Record<string, string> = {};
  if (!email.success) fieldErrors.email = email.error.issues[0]!.message;
  if (!password) fieldErrors.password = `${messages.fields.password} : obligatoire`;
  if (Object.keys(fieldErrors).length) return { fieldErrors };
  try {
    await signIn("credentials", { email: email.data, password, redirectTo: safeReturn(form.get("retour")) });
    return {};
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      return { error: error.code === "throttled" ? messages.auth.rateLimited : messages.auth.invalidCredentials };
    }
    if (error instanceof AuthError) return { error: messages.errors.INTERNAL };
    throw error; // the redirect after a successful sign-in
  }
}

export async function magicLinkSignIn(_prev: SignInState, form: FormData): Promise<SignInState> {
  const email = emailField.safeParse(String(form.get("email") ?? "").trim());
  if (!email.success) return { fieldErrors: { magicEmail: email.error.issues[0]!.message } };
  try {
    await signIn("resend", { email: email.data, redirectTo: safeReturn(form.get("retour")), redirect: false });
  } catch (error) {
    if (error instanceof AuthError) return { error: messages.errors.INTERNAL };
    throw error;
  }
  redirect("/connexion/verifier");
}
