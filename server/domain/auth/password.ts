import argon2 from "argon2";
import { z } from "zod";

/** At least 10 characters; long passphrases welcome (the bound only stops abuse). */
export const passwordSchema = z
  .string()
  .min(10, "10 caractères au minimum")
  .max(1024, "1 024 caractères au maximum");

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (!hash) return false;
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

export const normalizeEmail = (email: string) => email.trim().toLowerCase();
