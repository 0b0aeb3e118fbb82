import { z } from "zod";
import { messages } from "@/common/messages";

/** First URL segments the app uses itself; a commune can never take one. */
export const RESERVED_SLUGS = new Set([
  "connexion", "compte", "plateforme", "api", "dev", "admin", "site", "activation", "aide", "mentions-legales",
  "_next", "static", "public", "favicon.ico", "robots.txt", "sitemap.xml", "health", "deconnexion", "inscription", "commune-publique",
]);

export const slugSchema = z
  .string()
  .trim()
  // Empty: the field is missing, not too short.
  .min(1, { message: messages.validation.required, abort: true })
  .min(2, "2 caractères au minimum")
  .max(60, "60 caractères au maximum")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "lettres minuscules sans accent, chiffres et tirets")
  .refine((s) => !RESERVED_SLUGS.has(s), messages.tenant.reservedSlug);
