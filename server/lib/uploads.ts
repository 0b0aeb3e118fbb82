import { z } from "zod";
import { AppError } from "@/server/errors";

/**
 * The one check for files people upload (absence certificates, child photos): they arrive as
 * base64 in a tRPC call and are stored in the database as they came, once checked here.
 */
export interface UploadInput {
  name: string;
  type: string;
  /** The file's content in base64 (a data URL prefix is tolerated). */
  base64: string;
}

export const uploadTypes = ["application/pdf", "image/jpeg", "image/png"] as const;
export type UploadType = (typeof uploadTypes)[number];

export interface UploadRules {
  types: readonly UploadType[];
  maxBytes: number;
  /** The field the French messages name and the form shows them under. */
  field: string;
  messages: { name: string; type: string; size: string; empty: string; mismatch: string };
}

/**
 * The longest base64 text that can hold `maxBytes`: 4 characters per 3 bytes, with room for line
 * breaks and a data URL prefix. Procedures refuse anything longer before it is read at all.
 */
export const base64MaxLength = (maxBytes: number) => Math.ceil(maxBytes * 1.4);

/**
 * An upload in a procedure's input: its shape, and its length capped from the same limit as the
 * domain's check. `tooLarge` follows the field's label (the parent key: "Photo", "Certificat médical").
 */
export const uploadInput = (maxBytes: number, tooLarge: string) =>
  z.object({ name: z.string().max(500), type: z.string().max(100), base64: z.string().min(1).max(base64MaxLength(maxBytes), tooLarge) });

/** What the first bytes of each accepted type must be: the announced type is never taken on trust. */
const signatures: Record<UploadType, number[]> = {
  "application/pdf": [0x25, 0x50, 0x44, 0x46], // %PDF
  "image/jpeg": [0xff, 0xd8, 0xff],
  "image/png": [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
};

/** Name, type, size (decoded), well-formed base64, and content matching the announced type. */
export function checkUpload(input: UploadInput, rules: UploadRules): UploadInput & { type: UploadType } {
  const fail = (message: string) => new AppError("BAD_REQUEST", message, rules.field);
  const name = input.name.trim().replace(/[\\/\r\n\t]/g, "_");
  if (!name || name.length > 200) throw fail(rules.messages.name);
  const type = input.type.trim().toLowerCase() as UploadType;
  if (!rules.types.includes(type)) throw fail(rules.messages.type);
  const base64 = input.base64.replace(/^data:[^,]*;base64,/, "").replace(/\s+/g, "");
  if (!base64 || base64.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) throw fail(rules.messages.empty);
  const padding = base64.endsWith("==") ? 2 : base64.endsWith("=") ? 1 : 0;
  const bytes = (base64.length / 4) * 3 - padding;
  if (bytes > rules.maxBytes) throw fail(rules.messages.size);
  const head = Buffer.from(base64.slice(0, 16), "base64");
  if (!signatures[type].every((byte, i) => head[i] === byte)) throw fail(rules.messages.mismatch);
  return { name, type, base64 };
}
