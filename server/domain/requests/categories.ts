import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "@/db";
import { requestCategories, requestCategoryKinds, type RequestFieldSpec } from "@/db/schema";
import type { Scope } from "@/server/domain/scope";
import { notFound } from "@/server/errors";

/**
 * Request categories, configured per commune. A new commune starts with the starter set below
 * (onboarding and the demo seed call `insertStarterCategories`); its admins then change names,
 * fields, required documents, who handles each and the target time, or archive one.
 */

type StarterCategory = Omit<typeof requestCategories.$inferInsert, "tenantId" | "id">;

const period: RequestFieldSpec[] = [
  { key: "childName", label: "Enfant concerné", type: "text", required: true },
  { key: "from", label: "Du", type: "date", required: true },
  { key: "to", label: "Au", type: "date", required: true },
];

export const starterCategories: StarterCategory[] = [
  {
    name: "Changement d'adresse",
    kind: "address_change",
    description: "Votre nouvelle adresse, avec un justificatif de domicile de moins de 3 mois.",
    fields: [
      { key: "addressLine", label: "Nouvelle adresse", type: "text", required: true },
      { key: "postalCode", label: "Code postal", type: "text", required: true },
      { key: "city", label: "Commune", type: "text", required: true },
      { key: "movingDate", label: "Date du déménagement", type: "date", required: false },
    ],
    requiredAttachments: ["Justificatif de domicile"],
    handledBy: "agent",
    targetDays: 7,
    position: 1,
  },
  {
    name: "Contestation de facture",
    kind: "invoice_dispute",
    description: "Une ligne de facture vous semble erronée : expliquez-nous pourquoi, avec un justificatif si vous en avez un.",
    fields: [{ key: "explanation", label: "Ce qui vous semble erroné", type: "textarea", required: true }],
    requiredAttachments: [],
    handledBy: "agent",
    targetDays: 15,
    position: 2,
  },
  {
    name: "Attestation de présence",
    kind: "attendance_certificate",
    description: "Pour votre employeur, la CAF ou les impôts (frais de garde) : une attestation des jours de présence de votre enfant.",
    fields: period,
    requiredAttachments: [],
    handledBy: "agent",
    targetDays: 5,
    position: 3,
  },
  {
    name: "Autorisation de sortie / personne habilitée",
    kind: "pickup_authorisation",
    description: "Une personne autorisée à venir chercher votre enfant, ou une autorisation de sortie seul.",
    fields: [
      { key: "childName", label: "Enfant concerné", type: "text", required: true },
      { key: "person", label: "Personne habilitée (nom, prénom, lien)", type: "text", required: true },
      { key: "phone", label: "Téléphone de cette personne", type: "text", required: false },
    ],
    requiredAttachments: ["Pièce d'identité de la personne habilitée"],
    handledBy: "agent",
    targetDays: 7,
    position: 4,
  },
  {
    name: "Question",
    kind: "question",
    description: "Toute autre question au service enfance.",
    fields: [{ key: "question", label: "Votre question", type: "textarea", required: true }],
    requiredAttachments: [],
    handledBy: "agent",
    targetDays: 10,
    position: 5,
  },
];

/** The starter set, for a new commune (inside its creation's transaction). */
export async function insertStarterCategories(tx: Tx, tenantId: string): Promise<void> {
  await tx.insert(requestCategories).values(starterCategories.map((c) => ({ ...c, tenantId })));
}

export type RequestCategory = typeof requestCategories.$inferSelect;

/** The commune's categories in their order; archived ones only when asked (staff). */
export async function listCategories(scope: Scope, input: { includeArchived?: boolean } = {}): Promise<RequestCategory[]> {
  const rows = await scope.tx
    .select()
    .from(requestCategories)
    .where(eq(requestCategories.tenantId, scope.tenant.id))
    .orderBy(asc(requestCategories.position), asc(requestCategories.name));
  return input.includeArchived ? rows : rows.filter((c) => !c.archived);
}

export async function getCategory(scope: Scope, categoryId: string): Promise<RequestCategory> {
  const [row] = await scope.tx
    .select()
    .from(requestCategories)
    .where(and(eq(requestCategories.tenantId, scope.tenant.id), eq(requestCategories.id, categoryId)));
  if (!row) throw notFound();
  return row;
}

const label = z.string().trim().min(1).max(120);
export const categoryInput = z.object({
  categoryId: z.uuid().optional(),
  name: label,
  kind: z.enum(requestCategoryKinds),
  description: z.string().trim().max(1000).default(""),
  fields: z
    .array(z.object({ key: z.string().max(40).regex(/^[a-zA-Z][a-zA-Z0-9]{0,39}$/), label, type: z.enum(["text", "textarea", "date"]), required: z.boolean() }))
    .max(10),
  requiredAttachments: z.array(label).max(5),
  handledBy: z.enum(["admin", "agent"]),
  targetDays: z.number().int().min(1).max(365).nullable(),
  archived: z.boolean().default(false),
});
export type CategoryInput = z.infer<typeof categoryInput>;

/** Admin: creates or changes a category. Requests already sent keep the values they were sent with. */
export async function saveCategory(scope: Scope, input: CategoryInput): Promise<RequestCategory> {
  const { categoryId, ...values } = input;
  if (categoryId) {
    const [row] = await scope.tx
      .update(requestCategories)
      .set(values)
      .where(and(eq(requestCategories.tenantId, scope.tenant.id), eq(requestCategories.id, categoryId)))
      .returning();
    if (!row) throw notFound();
    return row;
  }
  const existing = await listCategories(scope, { includeArchived: true });
  const [row] = await scope.tx
    .insert(requestCategories)
    .values({ ...values, tenantId: scope.tenant.id, position: Math.max(0, ...existing.map((c) => c.position)) + 1 })
    .returning();
  return row!;
}
