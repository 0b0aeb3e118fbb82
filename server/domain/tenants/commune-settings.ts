import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { activities, tenants } from "@/db/schema";
import { withPlatform } from "@/db/transaction";
import { AppError, notFound } from "@/server/errors";
import { messages } from "@/common/messages";
import type { Tenant } from "./tenants";

/**
 * Settings a commune's admin changes itself: how it bills, and who it is on its invoices. `tenants`
 * is a platform table: written through the privileged path, always for this one commune.
 */

const m = messages.communeSettings;

export const billingSettingsInput = z.object({
  billingMode: z.enum(["prepaid", "invoice"]),
  basketHoldMinutes: z.number({ error: m.holdInvalid }).int(m.holdInvalid).min(5, m.holdInvalid).max(1440, m.holdInvalid),
  qfPartsRule: z.enum(["fiscal", "caf"]),
});
export type BillingSettings = z.infer<typeof billingSettingsInput>;

/** SIRET: 14 digits whose Luhn sum is a multiple of 10. */
export function isSiret(value: string): boolean {
  if (!/^\d{14}$/.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    let digit = Number(value[13 - i]);
    if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0;
}

const text = (max: number) => z.string().trim().max(max, m.tooLong(max)).default("");

/** Every field may stay empty (then it is not printed); a filled one must be well formed. */
export const contactInput = z.object({
  addressLine: text(200),
  postalCode: text(10).refine((v) => v === "" || /^\d{5}$/.test(v), m.postalCodeInvalid),
  city: text(120),
  phone: text(30).refine((v) => v === "" || /^\+?[\d .-]{10,20}$/.test(v), m.phoneInvalid),
  email: text(200).refine((v) => v === "" || z.email().safeParse(v).success, m.emailInvalid),
  siret: z
    .string()
    .max(40)
    .transform((v) => v.replace(/\s/g, ""))
    .refine((v) => v === "" || isSiret(v), m.siretInvalid)
    .default(""),
  /** The commune's data protection officer, shown in its privacy notice (name, postal or e-mail address). */
  dpoContact: text(500),
  /** Whom cheques are made out to, printed on invoices; empty: the commune's name. */
  chequePayee: text(200),
});
export type CommuneContact = z.infer<typeof contactInput>;

export const contactOf = (t: Pick<Tenant, keyof CommuneContact>): CommuneContact => ({
  addressLine: t.addressLine,
  postalCode: t.postalCode,
  city: t.city,
  phone: t.phone,
  email: t.email,
  siret: t.siret,
  dpoContact: t.dpoContact,
  chequePayee: t.chequePayee,
});

export const billingSettingsOf = (t: Pick<Tenant, keyof BillingSettings>): BillingSettings => ({
  billingMode: t.billingMode,
  basketHoldMinutes: t.basketHoldMinutes,
  qfPartsRule: t.qfPartsRule,
});

/**
 * A new default billing mode applies to activities created from now on. The activities that
 * followed the old default keep it (their mode is written on them), so no booking already made
 * changes hands: a day booked to be invoiced is still invoiced, a basket is still paid as a basket.
 * The hold delay applies to holds made from now on; the parts rule to QFs recorded from now on.
 */
export async function setBillingSettings(tenantId: string, input: BillingSettings) {
  const values = billingSettingsInput.parse(input);
  return withPlatform(async (tx) => {
    const [current] = await tx.select({ billingMode: tenants.billingMode }).from(tenants).where(eq(tenants.id, tenantId)).for("update");
    if (!current) throw notFound();
    let pinnedActivities = 0;
    if (current.billingMode !== values.billingMode) {
      const pinned = await tx
        .update(activities)
        .set({ billingMode: current.billingMode })
        .where(and(eq(activities.tenantId, tenantId), isNull(activities.billingMode)))
        .returning({ id: activities.id });
      pinnedActivities = pinned.length;
    }
    await tx.update(tenants).set(values).where(eq(tenants.id, tenantId));
    return { ...values, pinnedActivities };
  });
}

export async function setCommuneContact(tenantId: string, input: z.input<typeof contactInput>) {
  const parsed = contactInput.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0]);
    throw new AppError("BAD_REQUEST", `${messages.fields[field] ?? field} : ${issue.message}`, field);
  }
  const [row] = await withPlatform((tx) => tx.update(tenants).set(parsed.data).where(eq(tenants.id, tenantId)).returning({ id: tenants.id }));
  if (!row) throw notFound();
  return parsed.data;
}
