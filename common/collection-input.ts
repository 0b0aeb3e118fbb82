import { electronicFormatIBAN, isSEPACountry, isValidBIC, isValidIBAN } from "ibantools";
import { z } from "zod";
import { collectionMessages as m } from "./messages/collection";

/**
 * Input rules shared by the direct-debit forms and their procedures: the bank details of a mandate,
 * the commune's creditor identifier, its debit settings and its reminder schedule.
 */

const letterValue = (s: string) => [...s].map((c) => (/[A-Z]/.test(c) ? String(c.charCodeAt(0) - 55) : c)).join("");

/** ISO 7064 mod 97-10 over a string of digits, piece by piece (no big integers). */
function mod97(digits: string): number {
  let rest = 0;
  for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  return rest;
}

/**
 * SEPA creditor identifier (ICS): country, 2 check digits, a 3-character business code (ignored by
 * the check), a national identifier; the check digits are mod 97 over the national identifier then
 * the country, as for an IBAN. French ICS have a 6-character national identifier (13 in all).
 */
export function isCreditorId(raw: string): boolean {
  const value = raw.replace(/\s/g, "").toUpperCase();
  const match = /^([A-Z]{2})(\d{2})([A-Z0-9]{3})([A-Z0-9]{1,28})$/.exec(value);
  if (!match) return false;
  const [, country, check, , national] = match;
  if (country === "FR" && national!.length !== 6) return false;
  return mod97(letterValue(`${national}${country}${check}`)) === 1;
}

export const compactIban = (raw: string) => electronicFormatIBAN(raw) ?? raw.replace(/\s/g, "").toUpperCase();
export const compactBic = (raw: string) => raw.replace(/\s/g, "").toUpperCase();

/** "FR76 •••• 0189": the country, the key and the last four characters, enough to recognise one's account, not to reuse it. */
export function maskIban(iban: string): string {
  const compact = compactIban(iban);
  return `${compact.slice(0, 4)} •••• ${compact.slice(-4)}`;
}

const iban = z
  .string()
  .max(50)
  .transform(compactIban)
  .refine((v) => isValidIBAN(v), m.ibanInvalid)
  .refine((v) => isSEPACountry(v.slice(0, 2)), m.ibanNotSepa);
const bic = z
  .string()
  .max(20)
  .transform(compactBic)
  .refine((v) => isValidBIC(v), m.bicInvalid);

export const mandateInput = z.object({
  holderName: z.string().trim().min(2).max(70),
  iban,
  bic,
  accepted: z.literal(true, { error: m.acceptRequired }),
});
export type MandateInput = z.input<typeof mandateInput>;

/** "10, 30" → [10, 30]; anything else than increasing whole days is refused by the schema. */
export const parseReminderDays = (text: string): number[] =>
  text
    .split(/[,;\s]+/)
    .filter(Boolean)
    .map((d) => (/^\d+$/.test(d) ? Number(d) : Number.NaN));

export const collectionSettingsInput = z.object({
  creditorId: z
    .string()
    .max(40)
    .transform((v) => v.replace(/\s/g, "").toUpperCase())
    .refine((v) => v === "" || isCreditorId(v), m.creditorIdInvalid),
  creditorIban: z
    .string()
    .max(50)
    .transform((v) => (v.trim() ? compactIban(v) : ""))
    .refine((v) => v === "" || isValidIBAN(v), m.ibanInvalid),
  creditorBic: z
    .string()
    .max(20)
    .transform(compactBic)
    .refine((v) => v === "" || isValidBIC(v), m.bicInvalid),
  debitDay: z.number({ error: m.debitDayInvalid }).int(m.debitDayInvalid).min(1, m.debitDayInvalid).max(28, m.debitDayInvalid),
  rejectFeeCents: z.number({ error: m.feeInvalid }).int(m.feeInvalid).min(0, m.feeInvalid).max(5000, m.feeInvalid),
  reminderDays: z
    .array(z.number({ error: m.reminderDaysInvalid }).int(m.reminderDaysInvalid).min(1, m.reminderDaysInvalid).max(365, m.reminderDaysInvalid))
    .max(5, m.reminderDaysInvalid)
    .refine((days) => days.every((d, k) => k === 0 || d > days[k - 1]!), m.reminderDaysInvalid),
});
export type CollectionSettingsInput = z.input<typeof collectionSettingsInput>;
