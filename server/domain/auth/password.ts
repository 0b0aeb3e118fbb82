import argon2 from "argon2";
import { z } from "zod";

/** At least 10 characters; long passphrases welcome (the bound only stops abuse). */
export const passwordSchema = z
  .string()
  .min(10, "10 caractères au minimum")
  .max(1024, "1 024 caractères au maximum");

/** A password typed to prove who one is (sign-in, current password): never longer than a new one may be. */
export const typedPasswordSchema = z.string().min(1).max(1024, "1 024 caractères au maximum");

/** The longest address an e-mail system accepts (RFC 5321 path limit). */
export const emailSchema = z.email().max(254);

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

/**
 * Checked instead when the account is unknown or has no password yet, with the same argon2 cost
 * as a real hash: a wrong password takes as long whether the address has an account or not.
 */
const DUMMY_HASH = "$argon2id$v=19$m=65536,p=4,t=3$tNtP9MNhOgpkOx4QjUJaEA$/B7eyw4oc/gOZq4inN59JQ7yUjLrZuF1i1iMw1A8l8E";

/** Always runs exactly one argon2 verification, whether or not there is a hash to check. */
export async function verifyPassword(hash: string | null | undefined, password: string): Promise<boolean> {
  try {
    const matches = await argon2.verify(hash ?? DUMMY_HASH, password);
    return Boolean(hash) && matches;
  } catch {
    return false;
  }
}

export const normalizeEmail = (email: string) => email.trim().toLowerCase();
