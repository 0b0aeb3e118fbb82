import { findTenantBySlug } from "@/server/domain/tenants/tenants";

/** What a commune's legal pages show: the commune as data controller, with its contact and DPO. */
export interface CommuneLegalInfo {
  slug: string;
  name: string;
  addressLine: string;
  postalCode: string;
  city: string;
  phone: string;
  email: string;
  siret: string;
  dpoContact: string;
}

/** Public: anyone may read who holds their data. A commune that does not exist is null (a 404). */
export async function communeLegalInfo(slug: string): Promise<CommuneLegalInfo | null> {
  const t = await findTenantBySlug(slug);
  if (!t) return null;
  const { name, addressLine, postalCode, city, phone, email, siret, dpoContact } = t;
  return { slug: t.slug, name, addressLine, postalCode, city, phone, email, siret, dpoContact };
}
