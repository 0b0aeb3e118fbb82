import type { Readable } from "node:stream";

/**
 * The seam for stored files (photos, certificates, later exports and PDFs). The local disk is the
 * embedded default; an S3-compatible implementation fits the same interface. Keys are ours
 * (`<tenant id>/<kind>/<uuid>.<ext>`), never a name a user chose. Like any outside service, a
 * storage is not called from inside a database transaction: write the bytes, then commit the row
 * that points at them (and delete them if that commit fails).
 */
export interface Storage {
  readonly driver: string;
  /** Writes the bytes under `key`, replacing nothing: keys are fresh. */
  put(key: string, body: Uint8Array | Readable, options: { contentType: string }): Promise<{ sizeBytes: number }>;
  /** The bytes as a web stream, or null when nothing is stored under `key`. */
  get(key: string): Promise<StoredObject | null>;
  /** Removes the object; removing what is not there is not an error. */
  delete(key: string): Promise<void>;
  /**
   * Optional: a short-lived URL where the client fetches the bytes itself (an S3 presigned GET),
   * handed out by our download route only after its access check. Without it the route streams.
   */
  signedUrl?(key: string, options: { expiresInSeconds: number; downloadName: string; contentType: string }): Promise<string>;
}

export interface StoredObject {
  body: ReadableStream<Uint8Array>;
  sizeBytes: number;
}

const KEY = /^[A-Za-z0-9][A-Za-z0-9_-]*(\/[A-Za-z0-9][A-Za-z0-9_.-]*)*$/;

/** Keys are built by us; anything else (`..`, absolute paths, odd characters) is a bug, refused loudly. */
export function assertKey(key: string): void {
  if (key.length > 300 || !KEY.test(key) || key.includes("..")) throw new Error(`Clé de stockage invalide : ${key}`);
}
