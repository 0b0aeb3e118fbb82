import { z } from "zod";
import { AppError } from "@/server/errors";

/**
 * The one check for files people upload (absence certificates, child photos): they arrive as
 * base64 in a tRPC call, are checked here by their content, and are then written to storage
 * (server/domain/files/stored-files.ts), never kept in a table row.
 */
export interface UploadInput {
  name: string;
  type: string;
  /** The file's content in base64 (a data URL prefix is tolerated). */
  base64: string;
}

export const uploadTypes = ["application/pdf", "image/jpeg", "image/png"] as const;
export type UploadType = (typeof uploadTypes)[number];

/** The extension a stored file gets, from its detected type, whatever the name it came with. */
export const extensionOf: Record<UploadType, string> = { "application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png" };

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
  "application/pdf": [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
  "image/jpeg": [0xff, 0xd8, 0xff],
  "image/png": [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
};

/** The type the content's first bytes say, or null. */
export function detectType(bytes: Uint8Array): UploadType | null {
  return uploadTypes.find((type) => signatures[type].every((byte, i) => bytes[i] === byte)) ?? null;
}

/** Markup a browser would run if it ever sniffed the file as a page (an HTML/PDF polyglot). */
const MARKUP = /<\s*(!doctype|html|head|body|script|iframe|svg|object|embed|meta)\b/i;

/** A name safe to show and to download under: letters, digits, spaces and dashes, and the detected type's extension. */
export function safeName(name: string, type: UploadType): string {
  const base = name
    .replace(/\.[^.]*$/, "")
    .normalize("NFC")
    .replace(/[^\p{L}\p{N} _-]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 80);
  return `${base || "fichier"}.${extensionOf[type]}`;
}

export interface CheckedUpload {
  /** Safe display and download name (extension from the content). */
  name: string;
  /** The type detected from the content (equal to the one announced, which is checked too). */
  type: UploadType;
  bytes: Buffer;
}

/** Name, type, size (decoded), well-formed base64, content matching the announced type, no markup inside. */
export function checkUpload(input: UploadInput, rules: UploadRules): CheckedUpload {
  const fail = (message: string) => new AppError("BAD_REQUEST", message, rules.field);
  const name = input.name.trim();
  if (!name || name.length > 200) throw fail(rules.messages.name);
  const announced = input.type.trim().toLowerCase() as UploadType;
  if (!rules.types.includes(announced)) throw fail(rules.messages.type);
  const base64 = input.base64.replace(/^data:[^,]*;base64,/, "").replace(/\s+/g, "");
  if (!base64 || base64.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) throw fail(rules.messages.empty);
  const padding = base64.endsWith("==") ? 2 : base64.endsWith("=") ? 1 : 0;
  if ((base64.length / 4) * 3 - padding > rules.maxBytes) throw fail(rules.messages.size);
  const bytes = Buffer.from(base64, "base64");
  const type = detectType(bytes);
  if (type !== announced) throw fail(rules.messages.mismatch);
  if (MARKUP.test(bytes.subarray(0, 4096).toString("latin1"))) throw fail(rules.messages.mismatch);
  return { name: safeName(name, type), type, bytes };
}

/** PDF names that make a reader run or open something: never in a document sent to the town hall. */
const PDF_ACTIVE = /\/(JavaScript|JS|Launch|EmbeddedFile|RichMedia|XFA|OpenAction\s*<<[^>]*\/JS)\b/;

/**
 * The second, deeper look at a checked upload, for files a family sends the town hall (requests):
 * a PDF must be a whole PDF (header, `%%EOF` at its end) with no markup and no active content
 * anywhere in it; an image is decoded and written again by sharp, which keeps the pixels only
 * (no EXIF, GPS or comments, and nothing a crafted file hid after its image data). Outside any
 * transaction (it is CPU work, before storage).
 */
export async function cleanUpload(upload: CheckedUpload, rules: Pick<UploadRules, "field" | "messages">): Promise<CheckedUpload> {
  const fail = () => new AppError("BAD_REQUEST", rules.messages.mismatch, rules.field);
  if (upload.type === "application/pdf") {
    const text = upload.bytes.toString("latin1");
    if (!/%%EOF\s*$/.test(text.slice(-1024))) throw fail();
    if (MARKUP.test(text) || PDF_ACTIVE.test(text)) throw fail();
    return upload;
  }
  const { default: sharp } = await import("sharp");
  try {
    const image = sharp(upload.bytes, { failOn: "error", limitInputPixels: 40_000_000 }).rotate();
    const bytes = upload.type === "image/png" ? await image.png().toBuffer() : await image.jpeg({ quality: 85 }).toBuffer();
    return { ...upload, bytes };
  } catch {
    throw fail();
  }
}
